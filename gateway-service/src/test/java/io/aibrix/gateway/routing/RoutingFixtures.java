package io.aibrix.gateway.routing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;

/** Candidates, requests and small test doubles shared by the routing tests. */
final class RoutingFixtures {

    static final Instant SCRAPED_AT = Instant.parse("2025-06-01T12:00:00Z");

    private RoutingFixtures() {
    }

    /** A candidate at {@code host:8000} with unknown metrics. */
    static Candidate candidate(String host, int inFlight) {
        return new Candidate(Endpoint.of(host, 8000), inFlight, EngineMetrics.unknown());
    }

    static Candidate candidate(String host, int inFlight, Metrics metrics) {
        return new Candidate(Endpoint.of(host, 8000), inFlight, metrics.build());
    }

    static RoutingRequest request() {
        return request(Map.of());
    }

    static RoutingRequest request(Map<String, String> headers) {
        return new RoutingRequest("req-1", "m", "hello", 10, -1, false, null, headers);
    }

    static RoutingRequest request(int promptTokens, int maxTokens) {
        return new RoutingRequest("req-1", "m", "hello", promptTokens, maxTokens, false, null, Map.of());
    }

    static String host(Decision decision) {
        return decision.target().host();
    }

    /** Known metrics, every value unknown until set. */
    static Metrics metrics() {
        return new Metrics();
    }

    /** Builds {@link EngineMetrics} field by field; unset values are NaN. */
    static final class Metrics {

        private double kv = Double.NaN;

        private double gpu = Double.NaN;

        private double cpu = Double.NaN;

        private double promptRate = Double.NaN;

        private double generationRate = Double.NaN;

        private double queue = Double.NaN;

        private double prefill = Double.NaN;

        private double decode = Double.NaN;

        private double promptTokens = Double.NaN;

        private double generationTokens = Double.NaN;

        Metrics kv(double value) {
            kv = value;
            return this;
        }

        Metrics gpu(double value) {
            gpu = value;
            return this;
        }

        Metrics cpu(double value) {
            cpu = value;
            return this;
        }

        Metrics rates(double promptTokensPerSecond, double generationTokensPerSecond) {
            promptRate = promptTokensPerSecond;
            generationRate = generationTokensPerSecond;
            return this;
        }

        Metrics queue(double seconds) {
            queue = seconds;
            return this;
        }

        /** Mean prefill seconds over a mean prompt of {@code tokens}. */
        Metrics prefill(double seconds, double tokens) {
            prefill = seconds;
            promptTokens = tokens;
            return this;
        }

        /** Mean decode seconds over a mean generation of {@code tokens}. */
        Metrics decode(double seconds, double tokens) {
            decode = seconds;
            generationTokens = tokens;
            return this;
        }

        EngineMetrics build() {
            double u = Double.NaN;
            return new EngineMetrics(u, u, kv, gpu, cpu, promptRate, generationRate, queue, prefill, decode, u, u,
                    promptTokens, generationTokens, SCRAPED_AT);
        }
    }

    /** A random source that answers {@code nextInt(bound)} from a script and fails on anything unscripted. */
    static final class ScriptedRandom implements RandomGenerator {

        private final Deque<Integer> values;

        ScriptedRandom(Integer... values) {
            this.values = new ArrayDeque<>(Arrays.asList(values));
        }

        @Override
        public int nextInt(int bound) {
            Integer value = values.poll();
            if (value == null || value >= bound) {
                throw new AssertionError("unexpected draw nextInt(" + bound + "), script left: " + values);
            }
            return value;
        }

        @Override
        public long nextLong() {
            throw new AssertionError("unexpected draw nextLong()");
        }
    }

    /** A scoring strategy with fixed raw scores by host (absent host: unscored); routes to the first candidate. */
    static class FixedScorer implements RoutingStrategy, PodScorer {

        private final String name;

        private final Polarity polarity;

        private final ToDoubleFunction<String> scoreByHost;

        FixedScorer(String name, Polarity polarity, Map<String, Double> scores) {
            this.name = name;
            this.polarity = polarity;
            this.scoreByHost = host -> scores.getOrDefault(host, Double.NaN);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Decision route(RoutingRequest request, List<Candidate> candidates) {
            return Decision.of(candidates.get(0).endpoint());
        }

        @Override
        public double score(RoutingRequest request, Candidate candidate) {
            return scoreByHost.applyAsDouble(candidate.endpoint().host());
        }

        @Override
        public Polarity polarity() {
            return polarity;
        }
    }

    /** A {@link FixedScorer} that records its post-route calls into a shared log, optionally failing. */
    static final class HookedScorer extends FixedScorer implements PostRouteHook {

        private final List<String> log;

        private final boolean fail;

        HookedScorer(String name, Map<String, Double> scores, List<String> log, boolean fail) {
            super(name, Polarity.HIGHER_IS_BETTER, scores);
            this.log = log;
            this.fail = fail;
        }

        @Override
        public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
            log.add(name() + "->" + chosen.endpoint().host());
            responseHeaders.put("x-" + name(), chosen.endpoint().host());
            if (fail) {
                throw new IllegalStateException("hook " + name() + " failed");
            }
        }
    }
}
