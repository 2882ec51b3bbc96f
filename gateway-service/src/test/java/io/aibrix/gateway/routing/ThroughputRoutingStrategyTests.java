package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.metrics;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ThroughputRoutingStrategy}. */
class ThroughputRoutingStrategyTests {

    private final List<String> fallbacks = new ArrayList<>();

    private final ThroughputRoutingStrategy strategy = new ThroughputRoutingStrategy(
            (name, reason) -> fallbacks.add(name + "/" + reason));

    @Test
    void weighsPromptTokensDouble() {
        // Unweighted, a (100 tok/s) would beat b (150 tok/s); weighted, a carries 200 and b 150.
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().rates(100, 0)),
                candidate("b", 0, metrics().rates(0, 150)));

        assertThat(strategy.score(request(), candidates.get(0))).isEqualTo(200.0);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void prefersIdleEngine() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().rates(10, 40)),
                candidate("b", 4, metrics().rates(0, 0)));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void doesNotScorePodsMissingARate() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().rates(Double.NaN, 0)),
                candidate("b", 0, metrics().rates(500, 500)));

        assertThat(strategy.score(request(), candidates.get(0))).isNaN();
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void fallsBackToLeastRequestWhenNoMetricsAreKnown() {
        List<Candidate> candidates = List.of(candidate("a", 3), candidate("b", 2));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
        assertThat(fallbacks).containsExactly("throughput/metrics_unknown");
    }
}
