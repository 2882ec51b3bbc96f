package io.aibrix.autoscaler.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aibrix.autoscaler.GaugeServer;
import io.aibrix.autoscaler.algorithm.AlgorithmRegistry;
import io.aibrix.autoscaler.metrics.MetricCollector;
import io.aibrix.autoscaler.reconcile.ReconcileLoop;
import io.aibrix.autoscaler.reconcile.Reconciler;
import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.testsupport.MutableClock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the Kubernetes mode end to end on a CRUD-mode mock server: the shipped CRD, PodAutoscaler resources
 * read through the informer, the control loop, status written back through the status subresource, one owner per
 * target, and HPA delegation.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesModeIntegrationTests {

    private static final String NS = "serving";

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private KubernetesAutoscalerSource source;
    private ReconcileLoop loop;
    private GaugeServer gauge;

    @BeforeAll
    static void installDefinition() throws IOException {
        try (InputStream crd = KubernetesModeIntegrationTests.class
                .getResourceAsStream("/kubernetes/podautoscalers.autoscaling.aibrix.ai.yaml")) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        gauge = new GaugeServer("gateway_requests_waiting", 30);
        source = new KubernetesAutoscalerSource(client, new PodAutoscalerResources(json), NS);
        MutableClock clock = new MutableClock();
        Reconciler reconciler = new Reconciler(clock, AlgorithmRegistry.standard(),
                new MetricCollector(HttpClient.newHttpClient(), Duration.ofSeconds(2)),
                new KubernetesScaleActuator(client, 8000), new HorizontalPodAutoscalers(client, clock),
                Duration.ofSeconds(30));
        loop = new ReconcileLoop(source, reconciler, Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        source.close();
        gauge.close();
        client.genericKubernetesResources(PodAutoscalerResources.CONTEXT).inNamespace(NS).delete();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).delete();
        client.apps().deployments().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
    }

    private GenericKubernetesResource create(String name, String strategy, String target, String metric,
            String value) {
        Map<String, Object> source = Map.of("metricSourceType", "external", "protocolType", "http",
                "endpoint", gauge.endpoint(), "path", "/metrics", "targetMetric", metric, "targetValue", value);
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(PodAutoscaler.API_VERSION).withKind(PodAutoscaler.KIND)
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", target),
                        "minReplicas", 1, "maxReplicas", 6, "scalingStrategy", strategy,
                        "metricsSources", List.of(source)))
                .build();
        return client.genericKubernetesResources(PodAutoscalerResources.CONTEXT).inNamespace(NS).resource(resource)
                .create();
    }

    private PodAutoscalerStatus status(String name) {
        GenericKubernetesResource resource = client.genericKubernetesResources(PodAutoscalerResources.CONTEXT)
                .inNamespace(NS).withName(name).get();
        return new PodAutoscalerResources(json).toAutoscaler(resource).status();
    }

    private void awaitSeen(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> source.list().size() == count);
    }

    @Test
    void scalesTheTargetAndWritesTheStatusBack() throws Exception {
        Workloads.deployment(client, NS, "llama", 1);
        Workloads.pod(client, NS, "llama-0", Map.of("app", "llama"), 8000, true);
        create("llama", "KPA", "llama", gauge.metric(), "10");
        awaitSeen(1);

        loop.runOnce();

        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(2);
        PodAutoscalerStatus status = status("llama");
        assertThat(status.desiredScale()).isEqualTo(2);
        assertThat(status.scalingHistory()).singleElement()
                .satisfies(event -> assertThat(event.newScale()).isEqualTo(2));
        assertThat(status.condition(Condition.VALID_SPEC).isTrue()).isTrue();
    }

    @Test
    void aSecondPodAutoscalerOnTheSameTargetIsInConflictAndActsOnNothing() throws Exception {
        Workloads.deployment(client, NS, "llama", 1);
        Workloads.pod(client, NS, "llama-0", Map.of("app", "llama"), 8000, true);
        create("first", "KPA", "llama", gauge.metric(), "10");
        create("second", "APA", "llama", gauge.metric(), "1");
        awaitSeen(2);

        loop.runOnce();

        Condition conflict = status("second").condition(Condition.CONFLICT);
        assertThat(conflict.isTrue()).isTrue();
        assertThat(conflict.message()).contains(NS + "/first");
        assertThat(status("second").scalingHistory()).isEmpty();
        assertThat(status("first").condition(Condition.CONFLICT).isTrue()).isFalse();
        // KPA of "first" (30 for 10 per pod, at most 2 from 1 ready pod); APA of "second" would have asked for more.
        assertThat(Workloads.replicas(client, NS, "llama")).isEqualTo(2);
    }

    @Test
    void anInvalidSpecIsReportedInTheValidSpecCondition() throws Exception {
        create("broken", "KPA", "llama", gauge.metric(), "-1");
        awaitSeen(1);

        loop.runOnce();

        Condition valid = status("broken").condition(Condition.VALID_SPEC);
        assertThat(valid.isTrue()).isFalse();
        assertThat(valid.reason()).isEqualTo("MetricsConfigError");
        assertThat(valid.message()).isEqualTo("metricsSources[0].targetValue must be greater than 0 but was '-1'.");
    }

    @Test
    void theHpaStrategyCreatesAnOwnedHorizontalPodAutoscaler() throws Exception {
        Workloads.deployment(client, NS, "llama", 1);
        GenericKubernetesResource owner = create("llama", "HPA", "llama", "vllm:num_requests_waiting", "5");
        awaitSeen(1);

        loop.runOnce();

        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                .withName("llama-hpa").get();
        assertThat(hpa).isNotNull();
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(reference -> {
            assertThat(reference.getKind()).isEqualTo(PodAutoscaler.KIND);
            assertThat(reference.getUid()).isEqualTo(owner.getMetadata().getUid());
        });
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("llama");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getType()).isEqualTo("Pods");
            assertThat(metric.getPods().getMetric().getName()).isEqualTo("vllm:num_requests_waiting");
            assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("5");
        });
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(status("llama").condition(Condition.ABLE_TO_SCALE).reason()).isEqualTo("HPAConfigured");
    }
}
