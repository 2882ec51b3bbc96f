package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.metrics;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LeastGpuCacheRoutingStrategy}. */
class LeastGpuCacheRoutingStrategyTests {

    private final List<String> fallbacks = new ArrayList<>();

    private final LeastGpuCacheRoutingStrategy strategy = new LeastGpuCacheRoutingStrategy(
            (name, reason) -> fallbacks.add(name + "/" + reason));

    @Test
    void routesToPodWithLeastLegacyGpuCacheUsage() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().gpu(0.2).kv(0.9)),
                candidate("b", 0, metrics().gpu(0.5).kv(0.1)));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("a");
    }

    @Test
    void usesKvCacheUsageWhenEngineDoesNotExportLegacyGauge() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics().gpu(0.4)),
                candidate("b", 0, metrics().kv(0.3)));

        assertThat(strategy.score(request(), candidates.get(1))).isEqualTo(0.3);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void doesNotScorePodsWithNeitherGauge() {
        List<Candidate> candidates = List.of(candidate("a", 0, metrics()), candidate("b", 3, metrics().gpu(0.8)));

        assertThat(strategy.score(request(), candidates.get(0))).isNaN();
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void fallsBackToLeastRequestWhenNoMetricsAreKnown() {
        List<Candidate> candidates = List.of(candidate("a", 1), candidate("b", 1), candidate("c", 0));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("c");
        assertThat(fallbacks).containsExactly("least-gpu-cache/metrics_unknown");
    }
}
