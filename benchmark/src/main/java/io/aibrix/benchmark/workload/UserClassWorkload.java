package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Poisson arrivals from several classes of end users with different demand, for fairness routing: each request
 * picks a class by weight, then one of the class's users uniformly, and carries that user (so the client sends the
 * {@code user} header and body field) and the class as its tag. Prompts are independent random words: nothing is
 * shared, so only the placement of heavy and light users differs between strategies.
 */
public final class UserClassWorkload implements OpenLoopWorkload {

    public static final String NAME = "user-classes";

    private final double qps;
    private final List<UserClass> classes;
    private final double totalWeight;
    private final RandomStreams streams;

    public UserClassWorkload(double qps, List<UserClass> classes, RandomStreams streams) {
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("qps must be a positive finite number but was " + qps);
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("at least one user class is required");
        }
        if (classes.stream().map(UserClass::name).distinct().count() != classes.size()) {
            throw new IllegalArgumentException("user class names must be distinct: " + classes);
        }
        this.qps = qps;
        this.classes = List.copyOf(classes);
        this.totalWeight = classes.stream().mapToDouble(UserClass::weight).sum();
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
        parameters.put("classes", String.join(",", classes.stream().map(UserClass::toString).toList()));
        return parameters;
    }

    public List<UserClass> classes() {
        return classes;
    }

    @Override
    public Iterator<ScheduledRequest> schedule(RunLimits limits) {
        PoissonArrivals arrivals = new PoissonArrivals(qps, streams.stream("arrivals"));
        RandomGenerator choices = streams.stream("user-choice");
        return new LimitedSchedule(limits, id -> {
            double at = arrivals.next();
            UserClass userClass = pick(choices.nextDouble() * totalWeight);
            String user = userClass.user(choices.nextInt(userClass.users()));
            RandomGenerator text = streams.stream("prompt", id);
            int promptTokens = userClass.minPromptTokens()
                    + text.nextInt(userClass.maxPromptTokens() - userClass.minPromptTokens() + 1);
            RequestSpec spec = new RequestSpec(List.of(ChatMessage.user(Vocabulary.words(text, promptTokens))),
                    userClass.outputTokens(), RequestTags.userClass(userClass.name()), user);
            return new ScheduledRequest(id, at, spec);
        });
    }

    private UserClass pick(double point) {
        double remaining = point;
        for (UserClass userClass : classes) {
            remaining -= userClass.weight();
            if (remaining < 0) {
                return userClass;
            }
        }
        return classes.getLast();
    }
}
