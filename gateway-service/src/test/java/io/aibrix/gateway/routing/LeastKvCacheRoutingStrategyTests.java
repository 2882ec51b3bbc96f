package io.aibrix.gateway.routing;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.metrics;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LeastKvCacheRoutingStrategy}. */
class LeastKvCacheRoutingStrategyTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final LeastKvCacheRoutingStrategy strategy = new LeastKvCacheRoutingStrategy(
            FallbackRecorder.counting(meters));

    @Test
    void routesToPodWithLeastGpuPlusCpuCacheUsage() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().kv(0.3).cpu(0.3)),
                candidate("b", 0, metrics().kv(0.5)), candidate("c", 0, metrics().kv(0.2).cpu(0.7)));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void countsCpuCacheOnlyWhenKnown() {
        assertThat(strategy.score(request(), candidate("a", 0, metrics().kv(0.25).cpu(0.5)))).isEqualTo(0.75);
        assertThat(strategy.score(request(), candidate("a", 0, metrics().kv(0.25)))).isEqualTo(0.25);
    }

    @Test
    void doesNotScorePodsWithUnknownKvUsage() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().cpu(0.0)), candidate("b", 0),
                candidate("c", 9, metrics().kv(0.9)));

        assertThat(strategy.score(request(), candidates.get(0))).isNaN();
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("c");
        assertThat(meters.find("gateway.routing.fallbacks").counter()).isNull();
    }

    @Test
    void breaksTiesByCandidateOrder() {
        List<Candidate> candidates = List.of(candidate("a", 5, metrics().kv(0.4)),
                candidate("b", 0, metrics().kv(0.4)));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("a");
    }

    @Test
    void fallsBackToLeastRequestAndCountsItWhenNoMetricsAreKnown() {
        List<Candidate> candidates = List.of(candidate("a", 5), candidate("b", 2), candidate("c", 7));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
        assertThat(meters.get("gateway.routing.fallbacks")
            .tag("strategy", "least-kv-cache")
            .tag("reason", "metrics_unknown")
            .counter()
            .count()).isEqualTo(1.0);
    }
}
