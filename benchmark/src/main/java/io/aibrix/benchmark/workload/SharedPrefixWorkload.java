package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Poisson arrivals; each prompt is its group's prefix followed by a unique suffix, as in vLLM's
 * {@code prefix_repetition} and SGLang's {@code generated-shared-prefix}. Within a group the prefix is byte-identical,
 * so an engine that has served the group can reuse its KV blocks.
 */
public final class SharedPrefixWorkload implements OpenLoopWorkload {

    public static final String NAME = "shared-prefix";

    private final double qps;
    private final GroupSampler groups;
    private final int prefixTokens;
    private final int suffixTokens;
    private final int outputTokens;
    private final RandomStreams streams;
    private final Map<Integer, String> prefixes = new ConcurrentHashMap<>();

    public SharedPrefixWorkload(double qps, GroupSampler groups, int prefixTokens, int suffixTokens, int outputTokens,
            RandomStreams streams) {
        if (prefixTokens < 1 || suffixTokens < 0 || outputTokens < 1) {
            throw new IllegalArgumentException("need prefixTokens >= 1, suffixTokens >= 0, outputTokens >= 1 but got "
                    + prefixTokens + ", " + suffixTokens + ", " + outputTokens);
        }
        this.qps = qps;
        this.groups = groups;
        this.prefixTokens = prefixTokens;
        this.suffixTokens = suffixTokens;
        this.outputTokens = outputTokens;
        this.streams = streams;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("qps", qps);
        parameters.put("groups", groups.groups());
        parameters.put("groupDistribution", groups.toString());
        parameters.put("prefixTokens", prefixTokens);
        parameters.put("suffixTokens", suffixTokens);
        parameters.put("outputTokens", outputTokens);
        return parameters;
    }

    /** The prefix every prompt of {@code group} starts with. */
    public String prefix(int group) {
        return prefixes.computeIfAbsent(group, g -> Vocabulary.words(streams.stream("prefix", g), prefixTokens));
    }

    @Override
    public Iterator<ScheduledRequest> schedule(RunLimits limits) {
        PoissonArrivals arrivals = new PoissonArrivals(qps, streams.stream("arrivals"));
        RandomGenerator groupChoices = streams.stream("groups");
        return new LimitedSchedule(limits, id -> {
            double at = arrivals.next();
            int group = groups.next(groupChoices);
            String prompt = suffixTokens == 0 ? prefix(group)
                    : prefix(group) + " " + Vocabulary.words(streams.stream("suffix", id), suffixTokens);
            RequestSpec spec = new RequestSpec(List.of(ChatMessage.user(prompt)), outputTokens,
                    RequestTags.group(group));
            return new ScheduledRequest(id, at, spec);
        });
    }
}
