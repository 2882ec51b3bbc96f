package io.aibrix.autoscaler.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.MetricSource;
import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import io.aibrix.autoscaler.spec.ScalingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link AutoscalerMeters}. */
class AutoscalerMetersTests {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final MetricSource WAITING = new MetricSource("pod", "http", null, "/metrics", "8000",
            "vllm:num_requests_waiting", "10");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AutoscalerMeters meters = new AutoscalerMeters(registry);
    private final PodAutoscaler llama = autoscaler("llama", "kpa");

    @Test
    void exportsEachPodAutoscalersScalesAndConditions() {
        PodAutoscalerStatus status = PodAutoscalerStatus.empty().withScales(3, 2)
                .withCondition(Condition.of(Condition.READY, true, "AsExpected", "", NOW))
                .withCondition(Condition.of(Condition.SCALING_ACTIVE, false, "MetricsUnavailable", "", NOW));

        meters.observed(llama, null, status);

        assertThat(gauge("aibrix.autoscaler.desired.replicas")).isEqualTo(3);
        assertThat(gauge("aibrix.autoscaler.actual.replicas")).isEqualTo(2);
        assertThat(registry.get("aibrix.autoscaler.condition").tag("type", "Ready").gauge().value()).isEqualTo(1);
        assertThat(registry.get("aibrix.autoscaler.condition").tag("type", "ScalingActive").gauge().value())
                .isZero();
        assertThat(registry.get("aibrix.autoscaler.desired.replicas").gauge().getId().getTag("strategy"))
                .as("the strategy as parsed").isEqualTo("KPA");
    }

    @Test
    void countsEachScaleChangeOnceByDirectionAndOutcome() {
        PodAutoscalerStatus first = PodAutoscalerStatus.empty()
                .withScalingEvent(new ScalingEvent(NOW, 1, 3, "below minReplicas 3", true, null));
        PodAutoscalerStatus second = first
                .withScalingEvent(new ScalingEvent(NOW.plusSeconds(10), 3, 2, "KPA", false, "forbidden"));

        meters.observed(llama, null, first);
        meters.observed(llama, first, first);
        meters.observed(llama, first, second);

        assertThat(actions("up", "success")).isEqualTo(1);
        assertThat(actions("down", "failure")).isEqualTo(1);
        assertThat(actions("up", "failure")).as("every series exists, so rate() sees zeros").isZero();
        assertThat(actions("down", "success")).isZero();
    }

    @Test
    void removesTheSeriesOfADeletedPodAutoscaler() {
        PodAutoscaler mistral = autoscaler("mistral", "APA");
        meters.observed(llama, null, PodAutoscalerStatus.empty().withScales(1, 1));
        meters.observed(mistral, null, PodAutoscalerStatus.empty().withScales(2, 2));

        meters.retainOnly(Set.of(mistral.key()));
        meters.round(1_000_000, 1);

        assertThat(registry.find("aibrix.autoscaler.desired.replicas").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("name")).isEqualTo("mistral"));
        assertThat(registry.find("aibrix.autoscaler.scale.action").tag("name", "llama").counters()).isEmpty();
        assertThat(registry.get("aibrix.autoscaler.pod.autoscalers").gauge().value()).isEqualTo(1);
        assertThat(registry.get("aibrix.autoscaler.reconcile").timer().count()).isEqualTo(1);
    }

    private double gauge(String name) {
        return registry.get(name).tag("name", "llama").gauge().value();
    }

    private double actions(String direction, String outcome) {
        return registry.get("aibrix.autoscaler.scale.action").tags("direction", direction, "outcome", outcome)
                .counter().count();
    }

    private static PodAutoscaler autoscaler(String name, String strategy) {
        return new PodAutoscaler(null, null, new ObjectMeta(name, null, Map.of(), null),
                new PodAutoscalerSpec(new ScaleTargetRef("apps/v1", "Deployment", name), null, 1, 5, strategy,
                        List.of(WAITING), null, null, List.of()), null);
    }
}
