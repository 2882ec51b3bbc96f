package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.metrics;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LeastLatencyRoutingStrategy}. */
class LeastLatencyRoutingStrategyTests {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    /** Short queue, slow tokens: 0.002 s per prompt token, 0.01 s per output token. */
    private static final Candidate SLOW_TOKENS = candidate("a", 0,
            metrics().queue(0.1).prefill(0.2, 100).decode(2.0, 200));

    /** Long queue, fast tokens: 0.001 s per prompt token, 0.005 s per output token. */
    private static final Candidate LONG_QUEUE = candidate("b", 0,
            metrics().queue(0.5).prefill(0.1, 100).decode(1.0, 200));

    private final List<String> fallbacks = new ArrayList<>();

    private final LeastLatencyRoutingStrategy strategy = new LeastLatencyRoutingStrategy(
            (name, reason) -> fallbacks.add(name + "/" + reason));

    @Test
    void estimatesQueuePlusPerTokenPrefillAndDecode() {
        double[] scores = strategy.scoreAll(request(50, 10), List.of(SLOW_TOKENS, LONG_QUEUE));

        assertThat(scores[0]).isCloseTo(0.1 + 50 * 0.002 + 10 * 0.01, EXACT);
        assertThat(scores[1]).isCloseTo(0.5 + 50 * 0.001 + 10 * 0.005, EXACT);
    }

    @Test
    void shortAnswersGoToTheShortQueueAndLongAnswersToTheFastEngine() {
        List<Candidate> candidates = List.of(SLOW_TOKENS, LONG_QUEUE);

        assertThat(host(strategy.route(request(50, 10), candidates))).isEqualTo("a");
        assertThat(host(strategy.route(request(50, 100), candidates))).isEqualTo("b");
    }

    @Test
    void expectsTheFleetMeanGenerationLengthWhenMaxTokensIsUnset() {
        Candidate shortAnswers = candidate("b", 0, metrics().queue(0.5).prefill(0.1, 100).decode(0.5, 100));

        double[] scores = strategy.scoreAll(request(50, -1), List.of(SLOW_TOKENS, shortAnswers));

        // Expected output = (200 + 100) / 2 = 150 tokens.
        assertThat(scores[0]).isCloseTo(0.1 + 50 * 0.002 + 150 * 0.01, EXACT);
        assertThat(scores[1]).isCloseTo(0.5 + 50 * 0.001 + 150 * 0.005, EXACT);
    }

    @Test
    void usesFleetMeanPerTokenCostsForAnEngineThatHasNotFinishedARequest() {
        Candidate fresh = candidate("c", 0, metrics());

        double[] scores = strategy.scoreAll(request(100, 100), List.of(SLOW_TOKENS, LONG_QUEUE, fresh));

        assertThat(scores[2]).isCloseTo(100 * 0.0015 + 100 * 0.0075, EXACT);
        assertThat(host(strategy.route(request(100, 100), List.of(SLOW_TOKENS, LONG_QUEUE, fresh))))
            .isEqualTo("c");
    }

    @Test
    void doesNotScorePodsWithUnknownMetrics() {
        List<Candidate> candidates = List.of(candidate("d", 0), LONG_QUEUE);

        assertThat(strategy.scoreAll(request(50, 10), candidates)[0]).isNaN();
        assertThat(host(strategy.route(request(50, 10), candidates))).isEqualTo("b");
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void scoresASingleCandidateAsAFleetOfOne() {
        assertThat(strategy.score(request(50, 100), SLOW_TOKENS)).isCloseTo(0.1 + 0.1 + 1.0, EXACT);
        assertThat(strategy.score(request(50, 100), candidate("d", 0))).isNaN();
    }

    @Test
    void fallsBackToLeastRequestWhenNoMetricsAreKnown() {
        List<Candidate> candidates = List.of(candidate("a", 3), candidate("b", 1));

        assertThat(host(strategy.route(request(50, 10), candidates))).isEqualTo("b");
        assertThat(fallbacks).containsExactly("least-latency/metrics_unknown");
    }
}
