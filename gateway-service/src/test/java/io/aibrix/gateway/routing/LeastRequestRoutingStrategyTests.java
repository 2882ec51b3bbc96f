package io.aibrix.gateway.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LeastRequestRoutingStrategy}. */
class LeastRequestRoutingStrategyTests {

    private final LeastRequestRoutingStrategy strategy = new LeastRequestRoutingStrategy();

    @Test
    void routesToPodWithFewestInFlightRequests() {
        List<Candidate> candidates = List.of(candidate("a", 3), candidate("b", 1), candidate("c", 2));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void breaksTiesByCandidateOrder() {
        List<Candidate> candidates = List.of(candidate("a", 2), candidate("b", 1), candidate("c", 1));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void routesToTheOnlyCandidate() {
        assertThat(host(strategy.route(request(), List.of(candidate("a", 7))))).isEqualTo("a");
    }

    @Test
    void scoresInFlightCountWhereLowerIsBetter() {
        assertThat(strategy.score(request(), candidate("a", 4))).isEqualTo(4.0);
        assertThat(strategy.polarity()).isEqualTo(PodScorer.Polarity.LOWER_IS_BETTER);
        assertThat(strategy.name()).isEqualTo("least-request");
    }
}
