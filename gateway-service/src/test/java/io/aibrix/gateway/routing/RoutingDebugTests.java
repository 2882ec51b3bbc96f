package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.aibrix.gateway.routing.PodScorer.Polarity;
import io.aibrix.gateway.routing.RoutingFixtures.FixedScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RoutingDebug} through {@link Router}. */
class RoutingDebugTests {

    private static final Map<String, String> DEBUG = Map.of("x-aibrix-routing-debug", "true");

    private final List<Candidate> candidates = List.of(candidate("10.0.0.1", 0), candidate("10.0.0.2", 5),
            candidate("10.0.0.3", 2));

    private final Router router = router(new FixedScorer("fixed-low", Polarity.LOWER_IS_BETTER,
            Map.of("10.0.0.1", 0.5, "10.0.0.2", 0.123456, "10.0.0.3", 7.0)),
            new FixedScorer("fixed-high", Polarity.HIGHER_IS_BETTER, Map.of("10.0.0.1", 1.0, "10.0.0.3", 3.0)));

    @Test
    void addsNoHeadersWithoutTheDebugRequestHeader() {
        assertThat(router.route("least-request", request(), candidates).responseHeaders()).isEmpty();
        assertThat(router.route("least-request", request(Map.of("x-aibrix-routing-debug", "false")), candidates)
            .responseHeaders()).isEmpty();
    }

    @Test
    void listsEveryCandidatesRawScoreChosenFirstThenBestToWorst() {
        Decision decision = router.route("least-request", request(Map.of("x-aibrix-routing-debug", "TRUE")),
                candidates);

        assertThat(decision.target().host()).isEqualTo("10.0.0.1");
        assertThat(decision.responseHeaders()).containsEntry("x-aibrix-routing-scores",
                "10.0.0.1:8000=0,10.0.0.3:8000=2,10.0.0.2:8000=5")
            .containsEntry("x-aibrix-routing-score-details", "least-request(lower-is-better)");
    }

    @Test
    void putsTheChosenCandidateFirstEvenWhenItsScoreIsNotTheBest() {
        // fixed-low routes to the first candidate in shuffled order, whatever its score.
        Decision decision = router.route("fixed-low", request(DEBUG), candidates);

        String chosen = decision.target().address();
        String scores = decision.responseHeaders().get("x-aibrix-routing-scores");
        assertThat(scores).startsWith(chosen + "=");
        List<String> rest = new ArrayList<>(List.of("10.0.0.2:8000=0.1235", "10.0.0.1:8000=0.5", "10.0.0.3:8000=7"));
        rest.removeIf(pair -> pair.startsWith(chosen));
        assertThat(scores).endsWith(String.join(",", rest));
    }

    @Test
    void showsFinalAndPerMemberNormalisedScoresOfACombination() {
        Decision decision = router.route("least-request:3,fixed-high", request(DEBUG), candidates);

        // least-request normalised: .1 -> 1, .2 -> 0, .3 -> 0.6; fixed-high: .1 -> 0, .2 unscored -> 0, .3 -> 1.
        assertThat(decision.target().host()).isEqualTo("10.0.0.1");
        assertThat(decision.responseHeaders()).containsEntry("x-aibrix-routing-scores",
                "10.0.0.1:8000=0.75,10.0.0.3:8000=0.7,10.0.0.2:8000=0")
            .containsEntry("x-aibrix-routing-score-details",
                    "least-request:3(10.0.0.1:8000=1,10.0.0.3:8000=0.6,10.0.0.2:8000=0);"
                            + "fixed-high:1(10.0.0.1:8000=0,10.0.0.3:8000=1,10.0.0.2:8000=0)");
    }

    @Test
    void answersUnscoredForAStrategyThatDoesNotScore() {
        Decision decision = router.route("random", request(DEBUG), candidates);

        assertThat(decision.responseHeaders()).containsExactly(Map.entry("x-aibrix-routing-scores", "unscored"));
    }

    @Test
    void keepsTheHooksHeadersNextToTheDebugHeaders() {
        Decision decision = router.route("session-affinity",
                request(Map.of("x-aibrix-routing-debug", "true", "x-aibrix-session-key", "k")), candidates);

        assertThat(decision.responseHeaders()).containsKeys("x-session-id", "x-aibrix-routing-scores",
                "x-aibrix-routing-score-details");
    }

    @Test
    void formatsScoresWithAtMostFourDecimals() {
        assertThat(RoutingDebug.format(3.0)).isEqualTo("3");
        assertThat(RoutingDebug.format(0.123456)).isEqualTo("0.1235");
        assertThat(RoutingDebug.format(-0.0)).isEqualTo("0");
        assertThat(RoutingDebug.format(12345678.5)).isEqualTo("12345678.5");
        assertThat(RoutingDebug.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void showsNaNForACandidateTheStrategyCannotScore() {
        Map<String, String> headers = new LinkedHashMap<>();
        FixedScorer partial = new FixedScorer("partial", Polarity.HIGHER_IS_BETTER, Map.of("10.0.0.3", 2.0));

        RoutingDebug.describe(partial, request(DEBUG), candidates, candidates.get(2).endpoint(), headers);

        assertThat(headers).containsEntry("x-aibrix-routing-scores",
                "10.0.0.3:8000=2,10.0.0.1:8000=NaN,10.0.0.2:8000=NaN");
    }

    private static Router router(RoutingStrategy... extra) {
        List<RoutingStrategy> strategies = new ArrayList<>(RoutingStrategyRegistryTests.builtIns());
        strategies.addAll(List.of(extra));
        return new Router(new RoutingStrategyRegistry(strategies), new SplittableRandom(9), new SimpleMeterRegistry());
    }
}
