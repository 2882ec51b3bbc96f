package io.aibrix.benchmark.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.aibrix.benchmark.workload.GroupSampler;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.PoissonWorkload;
import io.aibrix.benchmark.workload.RandomStreams;
import io.aibrix.benchmark.workload.RequestMix;
import io.aibrix.benchmark.workload.SharedPrefixWorkload;
import io.aibrix.benchmark.workload.UserClass;
import io.aibrix.benchmark.workload.UserClassWorkload;
import io.aibrix.benchmark.workload.Workload;

/**
 * The routing scenarios of engine-model §5.3 (A–D) plus the fairness scenario E. Arrival rates are multiplied by a
 * load scale (1 = the definition); everything else is fixed, so results stay comparable between runs.
 */
enum Scenario {

    A("Shared prefix, cache-bound",
            "40 prefix groups chosen uniformly; prompt = 3,000-token group prefix + 300 unique tokens; 150 output "
                    + "tokens; Poisson 12 QPS",
            Strategies.PREFIX_SCENARIOS) {
        @Override
        Workload workload(long seed, double loadScale) {
            return new SharedPrefixWorkload(12 * loadScale, GroupSampler.uniform(40), 3000, 300, 150,
                    new RandomStreams(seed));
        }
    },
    B("Multi-turn chat (closed loop)",
            "sessions arrive Poisson 1.5/s; 8 system prompts of 1,000 tokens; 8 turns of 200 user tokens and 150 "
                    + "output tokens; think time exponential, mean 3 s; each turn resends the whole history",
            Strategies.PREFIX_SCENARIOS) {
        @Override
        Workload workload(long seed, double loadScale) {
            return new MultiTurnWorkload(1.5 * loadScale, 8, 1000, 8, 200, 150, 3.0, new RandomStreams(seed));
        }
    },
    C("Hot-prefix skew",
            "16 prefix groups with Zipf(1.5) popularity (the top group gets about 47 % of requests); prompt = "
                    + "3,000 + 300 tokens; 150 output tokens; Poisson 30 QPS",
            Strategies.PREFIX_SCENARIOS) {
        @Override
        Workload workload(long seed, double loadScale) {
            return new SharedPrefixWorkload(30 * loadScale, GroupSampler.zipf(16, 1.5), 3000, 300, 150,
                    new RandomStreams(seed));
        }
    },
    D("KV-pressure balance, no sharing",
            "independent prompts: 90 % 300 tokens in / 150 out, 10 % 6,000 in / 600 out; Poisson 16 QPS",
            Strategies.PREFIX_SCENARIOS) {
        @Override
        Workload workload(long seed, double loadScale) {
            return new PoissonWorkload(16 * loadScale, RequestMix.parse("0.9:300:150,0.1:6000:600"),
                    new RandomStreams(seed));
        }
    },
    E("Fairness between user classes",
            "independent prompts from three user classes, sent with a user header and body field: light 40 % of "
                    + "requests over 4 users (50-150 tokens in, 50 out), medium 35 % over 2 users (400-800 in, "
                    + "150 out), heavy 25 % over 2 users (2,000-6,000 in, 200 out); Poisson 8 QPS",
            Strategies.FAIRNESS_SCENARIOS) {
        @Override
        Workload workload(long seed, double loadScale) {
            return new UserClassWorkload(8 * loadScale, USER_CLASSES, new RandomStreams(seed));
        }
    };

    /** Scenario E's classes; light users ask little, heavy users most of the tokens. */
    static final List<UserClass> USER_CLASSES = List.of(
            new UserClass(UserClasses.LIGHT, 0.40, 4, 50, 150, 50),
            new UserClass(UserClasses.MEDIUM, 0.35, 2, 400, 800, 150),
            new UserClass(UserClasses.HEAVY, 0.25, 2, 2000, 6000, 200));

    private final String title;
    private final String definition;
    private final List<String> defaultStrategies;

    Scenario(String title, String definition, List<String> defaultStrategies) {
        this.title = title;
        this.definition = definition;
        this.defaultStrategies = defaultStrategies;
    }

    abstract Workload workload(long seed, double loadScale);

    String title() {
        return title;
    }

    String definition() {
        return definition;
    }

    List<String> defaultStrategies() {
        return defaultStrategies;
    }

    /** Parses {@code A} or {@code a}; throws IllegalArgumentException naming the valid ones. */
    static Scenario parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text + "'; expected one of "
                        + Arrays.toString(values())));
    }

    /** The strategy names the scenarios run by default and the acceptance checks refer to. */
    static final class Strategies {

        static final String RANDOM = "random";
        static final String LEAST_REQUEST = "least-request";
        static final String LEAST_KV_CACHE = "least-kv-cache";
        static final String PREFIX_CACHE = "prefix-cache";
        static final String PREBLE = "prefix-cache-preble";
        static final String KV_AWARE = "kv-aware";
        static final String VTC = "vtc-basic";

        static final List<String> PREFIX_SCENARIOS = List.of(RANDOM, LEAST_REQUEST, LEAST_KV_CACHE, PREFIX_CACHE,
                PREBLE, KV_AWARE);
        static final List<String> FAIRNESS_SCENARIOS = List.of(RANDOM, LEAST_REQUEST, VTC);

        private Strategies() {
        }
    }

    /** Scenario E's class names. */
    static final class UserClasses {

        static final String LIGHT = "light";
        static final String MEDIUM = "medium";
        static final String HEAVY = "heavy";

        private UserClasses() {
        }
    }
}
