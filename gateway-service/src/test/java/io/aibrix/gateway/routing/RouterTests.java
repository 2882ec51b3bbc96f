package io.aibrix.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link Router}. */
class RouterTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final List<Candidate> candidates = List.of(candidate("10.0.0.1", 0), candidate("10.0.0.2", 5),
            candidate("10.0.0.3", 5));

    @Test
    void shufflesCandidatesSoTheFirstIsFair() {
        List<RoutingStrategy> strategies = new ArrayList<>(RoutingStrategyRegistryTests.builtIns());
        strategies.add(new RoutingFixtures.FixedScorer("first", PodScorer.Polarity.HIGHER_IS_BETTER, Map.of()));
        Router router = new Router(new RoutingStrategyRegistry(strategies), new SplittableRandom(11), meters);
        Map<String, Integer> counts = new HashMap<>();

        for (int i = 0; i < 3_000; i++) {
            counts.merge(host(router.route("first", request(), candidates)), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(900, 1_100));
    }

    @Test
    void answersSessionHeaderOfSingleStrategy() {
        Decision decision = router().route("session-affinity",
                request(Map.of("x-aibrix-session-key", "agent-session-42")), candidates);

        assertThat(host(decision)).isEqualTo("10.0.0.3");
        assertThat(decision.responseHeaders()).containsExactly(Map.entry("x-session-id", encode("10.0.0.3:8000")));
    }

    @Test
    void answersSessionHeaderOfFinalPodChosenByCombination() {
        // Session affinity points at 10.0.0.3, but least-request (weight 3) outweighs it towards the idle 10.0.0.1.
        RoutingRequest request = request(Map.of("x-session-id", encode("10.0.0.3:8000")));

        Decision decision = router().route("least-request:3,session-affinity", request, candidates);

        assertThat(host(decision)).isEqualTo("10.0.0.1");
        assertThat(decision.responseHeaders()).containsExactly(Map.entry("x-session-id", encode("10.0.0.1:8000")));
    }

    @Test
    void answersNoHeadersForStrategyWithoutHook() {
        Decision decision = router().route("least-request", request(), candidates);

        assertThat(host(decision)).isEqualTo("10.0.0.1");
        assertThat(decision.responseHeaders()).isEmpty();
    }

    @Test
    void timesDecisionsPerStrategyTaggingCombinationsAsWeighted() {
        Router router = router();

        router.route("least-request", request(), candidates);
        router.route("least-request", request(), candidates);
        router.route("least-request:2,least-kv-cache", request(), candidates);
        router.route("least-request,throughput", request(), candidates);

        Timer single = meters.get("gateway.routing.duration").tag("strategy", "least-request").timer();
        Timer weighted = meters.get("gateway.routing.duration").tag("strategy", "weighted").timer();
        assertThat(single.count()).isEqualTo(2);
        assertThat(weighted.count()).isEqualTo(2);
        assertThat(meters.get("gateway.routing.duration").timers()).hasSize(2);
    }

    @Test
    void publishesPercentileHistogramOfDecisionTime() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Router router = new Router(new RoutingStrategyRegistry(RoutingStrategyRegistryTests.builtIns()),
                new SplittableRandom(5), prometheus);

        router.route("random", request(), candidates);

        assertThat(prometheus.scrape()).contains("gateway_routing_duration_seconds_bucket{strategy=\"random\",le=\"+Inf\"} 1");
    }

    @Test
    void rejectsUnknownStrategyWithoutTimingIt() {
        assertThatExceptionOfType(UnknownRoutingStrategyException.class)
            .isThrownBy(() -> router().route("fastest", request(), candidates));
        assertThat(meters.find("gateway.routing.duration").timer()).isNull();
    }

    @Test
    void rejectsEmptyCandidateList() {
        assertThatIllegalArgumentException().isThrownBy(() -> router().route("random", request(), List.of()))
            .withMessageContaining("req-1");
    }

    private Router router() {
        return new Router(new RoutingStrategyRegistry(RoutingStrategyRegistryTests.builtIns()),
                new SplittableRandom(5), meters);
    }

    private static String encode(String address) {
        return Base64.getEncoder().encodeToString(address.getBytes(StandardCharsets.UTF_8));
    }
}
