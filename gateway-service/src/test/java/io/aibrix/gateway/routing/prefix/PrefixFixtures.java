package io.aibrix.gateway.routing.prefix;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

/** Prompts, candidates and a hand-moved clock shared by the prefix routing tests. */
final class PrefixFixtures {

    static final String MODEL = "llama3-8b";

    private PrefixFixtures() {
    }

    /** A candidate at {@code host:8000} with unknown engine metrics. */
    static Candidate pod(String host, int inFlight) {
        return new Candidate(Endpoint.of(host, 8000), inFlight, EngineMetrics.unknown());
    }

    /** A candidate whose engine reports {@code kvCacheUsage}. */
    static Candidate pod(String host, int inFlight, double kvCacheUsage) {
        double u = Double.NaN;
        EngineMetrics metrics = new EngineMetrics(u, u, kvCacheUsage, u, u, u, u, u, u, u, u, u, u, u,
                Instant.EPOCH);
        return new Candidate(Endpoint.of(host, 8000), inFlight, metrics);
    }

    static RoutingRequest chat(String prompt) {
        return chat(MODEL, prompt);
    }

    static RoutingRequest chat(String model, String prompt) {
        return new RoutingRequest("req", model, prompt, (prompt.length() + 3) / 4, 100, true, null, Map.of());
    }

    /** {@code words} seeded pseudo-random four-letter words separated by spaces: five characters per word. */
    static String words(long seed, int words) {
        StringBuilder text = new StringBuilder(words * 5);
        SplittableRandom source = new SplittableRandom(seed);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            for (int c = 0; c < 4; c++) {
                text.append((char) ('a' + source.nextInt(26)));
            }
        }
        return text.toString();
    }
}
