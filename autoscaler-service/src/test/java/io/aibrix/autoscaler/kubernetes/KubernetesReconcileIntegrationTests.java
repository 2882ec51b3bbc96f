package io.aibrix.autoscaler.kubernetes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.aibrix.autoscaler.GaugeServer;
import io.aibrix.autoscaler.ModeEnvironment;
import io.aibrix.autoscaler.algorithm.AlgorithmRegistry;
import io.aibrix.autoscaler.metrics.MetricCollector;
import io.aibrix.autoscaler.reconcile.Reconciler;
import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.MetricSource;
import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import io.aibrix.autoscaler.spec.ScalingEvent;
import io.aibrix.autoscaler.spec.ScalingParameters;
import io.aibrix.autoscaler.spec.Schedule;
import io.aibrix.autoscaler.spec.SubTargetSelector;
import io.aibrix.testsupport.EngineFleetExtension;
import io.aibrix.testsupport.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link Reconciler} with the {@link KubernetesScaleActuator} on a CRUD-mode Kubernetes mock server:
 * KPA on Deployments, cooldowns, missing metrics, schedules, a role of a StormService scraped from real simulated
 * engines.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesReconcileIntegrationTests {

    private static final String NS = "models";
    /** Monday 2025-06-02 10:00 UTC. */
    private static final Instant MONDAY_10 = Instant.parse("2025-06-02T10:00:00Z");

    static KubernetesMockServer server;
    static KubernetesClient client;

    @RegisterExtension
    static EngineFleetExtension engines = EngineFleetExtension.builder().engines(2)
            // This module has JDBC on its class path; the in-process engines need no database.
            .property("spring.autoconfigure.exclude", ModeEnvironment.EXCLUDES).build();

    private final MutableClock clock = new MutableClock(MONDAY_10);
    private GaugeServer gauge;
    private Reconciler reconciler;

    @BeforeEach
    void setUp() throws IOException {
        gauge = new GaugeServer("gateway_requests_waiting", 0);
        reconciler = new Reconciler(clock, AlgorithmRegistry.standard(),
                new MetricCollector(HttpClient.newHttpClient(), Duration.ofSeconds(2)),
                new KubernetesScaleActuator(client, 8000), null, Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        gauge.close();
        client.apps().deployments().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
    }

    private MetricSource external(String target) {
        return new MetricSource("external", "http", gauge.endpoint(), "/metrics", null, gauge.metric(), target);
    }

    private static PodAutoscaler autoscaler(String target, String strategy, int min, int max, List<MetricSource> sources,
            Map<String, String> annotations, List<Schedule> schedules) {
        return new PodAutoscaler(null, null, new ObjectMeta(target + "-pa", NS, annotations, 1L),
                new PodAutoscalerSpec(new ScaleTargetRef("apps/v1", "Deployment", target), null, min, max, strategy,
                        sources, 60, 10, schedules), null);
    }

    private void deploymentWithReadyPods(String name, int replicas) {
        Workloads.deployment(client, NS, name, replicas);
        for (int i = 0; i < replicas; i++) {
            Workloads.pod(client, NS, name + "-" + i, Map.of("app", name), 8000, true);
        }
    }

    private PodAutoscaler round(PodAutoscaler autoscaler) throws InterruptedException {
        return autoscaler.withStatus(reconciler.reconcile(autoscaler, null));
    }

    @Test
    void kpaScalesADeploymentToTheTotalOverThePerPodTarget() throws Exception {
        deploymentWithReadyPods("llama", 2);
        gauge.set(40);

        PodAutoscaler after = round(autoscaler("llama", "KPA", 1, 10, List.of(external("10")), Map.of(), List.of()));

        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(4);
        PodAutoscalerStatus status = after.status();
        assertThat(status.desiredScale()).isEqualTo(4);
        assertThat(status.actualScale()).isEqualTo(2);
        assertThat(status.scalingHistory()).singleElement().satisfies(event -> {
            assertThat(event.previousScale()).isEqualTo(2);
            assertThat(event.newScale()).isEqualTo(4);
            assertThat(event.success()).isTrue();
            assertThat(event.reason()).contains("gateway_requests_waiting");
        });
        assertThat(status.condition(Condition.READY).isTrue()).isTrue();
        assertThat(status.condition(Condition.SCALING_ACTIVE).reason()).isEqualTo("ValidMetricFound");
    }

    @Test
    void scaleDownOnlyFallsToTheHighestRecommendationOfTheCooldownWindow() throws Exception {
        deploymentWithReadyPods("llama", 4);
        PodAutoscaler autoscaler = autoscaler("llama", "KPA", 1, 10, List.of(external("10")),
                Map.of(ScalingParameters.SCALE_DOWN_COOLDOWN, "60s"), List.of());
        gauge.set(40);
        autoscaler = round(autoscaler);
        gauge.set(10);

        // 30 s later the windows ask for 3, but 4 was recommended within the last 60 s.
        clock.advance(Duration.ofSeconds(30));
        autoscaler = round(autoscaler);
        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(4);

        // Another 31 s: the 4 has left the cooldown window; the highest left is the 3, not the 2 asked for now.
        clock.advance(Duration.ofSeconds(31));
        autoscaler = round(autoscaler);
        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(3);
        assertThat(autoscaler.status().scalingHistory()).extracting(ScalingEvent::newScale).containsExactly(3);
    }

    @Test
    void missingMetricsHoldTheScaleAndSaySo() throws Exception {
        deploymentWithReadyPods("llama", 4);
        PodAutoscaler autoscaler = autoscaler("llama", "KPA", 1, 10, List.of(external("10")),
                Map.of(ScalingParameters.SCALE_DOWN_COOLDOWN, "0s"), List.of());
        gauge.set(40);
        autoscaler = round(autoscaler);
        gauge.fail();
        clock.advance(Duration.ofSeconds(31));

        autoscaler = round(autoscaler);

        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(4);
        Condition active = autoscaler.status().condition(Condition.SCALING_ACTIVE);
        assertThat(active.isTrue()).isFalse();
        assertThat(active.reason()).isEqualTo("MetricsUnavailable");
        assertThat(active.message()).contains("HTTP 503").contains("holding the scale");
        assertThat(autoscaler.status().scalingHistory()).isEmpty();
    }

    @Test
    void oneUnknownSourceNeverLetsTheOthersScaleDown() throws Exception {
        deploymentWithReadyPods("llama", 4);
        try (GaugeServer low = new GaugeServer("engine_load", 4)) {
            MetricSource known = new MetricSource("external", "http", low.endpoint(), "/metrics", null,
                    low.metric(), "10");
            PodAutoscaler autoscaler = autoscaler("llama", "KPA", 1, 10, List.of(external("10"), known),
                    Map.of(ScalingParameters.SCALE_DOWN_COOLDOWN, "0s"), List.of());
            gauge.fail();

            autoscaler = round(autoscaler);

            assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(4);
            assertThat(autoscaler.status().condition(Condition.SCALING_ACTIVE).message())
                    .contains("not scaling down");
        }
    }

    @Test
    void anActiveScheduleRaisesTheMinimum() throws Exception {
        deploymentWithReadyPods("llama", 1);
        gauge.set(1);
        Schedule business = new Schedule("business-hours", "UTC", List.of("Mon", "Tue"), "09:00", "18:00", 3, null);

        PodAutoscaler after = round(autoscaler("llama", "APA", 1, 10, List.of(external("10")), Map.of(),
                List.of(business)));

        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(3);
        assertThat(after.status().scheduledBounds().activeSchedule()).isEqualTo("business-hours");
        assertThat(after.status().scalingHistory().getFirst().reason()).isEqualTo("below minReplicas 3");
    }

    @Test
    void aTargetAtZeroStaysThereUnlessAScheduleAsksForReplicas() throws Exception {
        Workloads.deployment(client, NS, "idle", 0);
        gauge.set(50);
        PodAutoscaler plain = autoscaler("idle", "KPA", 1, 10, List.of(external("10")), Map.of(), List.of());

        PodAutoscaler after = round(plain);
        assertThat(Workloads.replicas(client, NS, "idle")).isZero();
        assertThat(after.status().condition(Condition.SCALING_ACTIVE).reason()).isEqualTo("ScalingDisabled");

        Schedule morning = new Schedule("morning", null, List.of(), "09:00", "12:00", 2, null);
        round(autoscaler("idle", "KPA", 1, 10, List.of(external("10")), Map.of(), List.of(morning)));
        assertThat(Workloads.replicas(client, NS, "idle")).isEqualTo(2);
    }

    @Test
    void aDecodeRoleIsScaledAloneOnItsIndexZeroPods() throws Exception {
        Workloads.stormServiceDefinition(client);
        Workloads.stormService(client, NS, "pd", 1, 2);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        for (int i = 0; i < 2; i++) {
            Workloads.pod(client, NS, "pd-decode-" + i, Map.of("storm-service-name", "pd", "role-name", "decode",
                    KubernetesScaleActuator.POD_GROUP_INDEX, "0"), engines.baseUris().get(i).getPort(), true);
        }
        // A multi-node role's second pod serves no HTTP; scraping it would fail and hold the scale.
        Workloads.pod(client, NS, "pd-decode-0-worker", Map.of("storm-service-name", "pd", "role-name", "decode",
                KubernetesScaleActuator.POD_GROUP_INDEX, "1"), closed, true);
        Workloads.pod(client, NS, "pd-prefill-0", Map.of("storm-service-name", "pd", "role-name", "prefill"), closed,
                true);
        PodAutoscaler decode = new PodAutoscaler(null, null, new ObjectMeta("pd-decode", NS,
                Map.of(ScalingParameters.SCALE_DOWN_COOLDOWN, "0s"), 1L),
                new PodAutoscalerSpec(new ScaleTargetRef(Workloads.STORM_API, "StormService", "pd"),
                        new SubTargetSelector("decode"), 1, 8, "KPA",
                        List.of(new MetricSource("pod", "http", null, "/metrics", null, "vllm:num_requests_waiting",
                                "5")), 60, 10, List.of()), null);

        PodAutoscaler after = round(decode);

        assertThat(after.status().condition(Condition.SCALING_ACTIVE).isTrue()).isTrue();
        assertThat(Workloads.roleReplicas(client, NS, "pd")).isEqualTo(Map.of("prefill", 1, "decode", 1));
    }

    @Test
    void aMissingTargetIsReportedNotThrown() throws Exception {
        PodAutoscaler after = round(autoscaler("absent", "KPA", 1, 10, List.of(external("10")), Map.of(),
                List.of()));

        Condition able = after.status().condition(Condition.ABLE_TO_SCALE);
        assertThat(able.reason()).isEqualTo("FailedGetScale");
        assertThat(able.message()).contains("Deployment models/absent not found");
    }
}
