package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Poisson arrivals of independent prompts of random words: nothing is shared between requests. */
public record PoissonWorkload(double qps, RequestMix mix, RandomStreams streams) implements OpenLoopWorkload {

    public static final String NAME = "poisson";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("qps", qps);
        parameters.put("mix", mix.toString());
        return parameters;
    }

    @Override
    public Iterator<ScheduledRequest> schedule(RunLimits limits) {
        PoissonArrivals arrivals = new PoissonArrivals(qps, streams.stream("arrivals"));
        RandomGenerator sizes = streams.stream("mix");
        return new LimitedSchedule(limits, id -> {
            double at = arrivals.next();
            RequestMix.SizeClass size = mix.pick(sizes);
            String prompt = Vocabulary.words(streams.stream("prompt", id), size.inputTokens());
            RequestSpec spec = new RequestSpec(List.of(ChatMessage.user(prompt)), size.outputTokens(),
                    RequestTags.NONE);
            return new ScheduledRequest(id, at, spec);
        });
    }
}
