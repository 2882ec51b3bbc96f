package io.aibrix.deploy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The vLLM example's engine pods are ones the real gateway discovers and routes to: a pod built from the rendered
 * engine Deployment's template (its labels as rendered, the port moved to a simulated engine's) is put into a
 * CRUD-mode mock API server, and the gateway, started from its jar with the chart's own gateway.yml, routes to it.
 */
@EnableKubernetesMockClient(crud = true)
class VllmExampleDiscoveryIntegrationTests {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void gatewayWithTheChartsConfigurationRoutesToAPodLabelledByTheExample(@TempDir Path work) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        int enginePort = ServiceProcess.freePort();
        Map<String, Object> values = Chart.read(Chart.exampleValues());
        @SuppressWarnings("unchecked")
        Map<String, Object> engine = ((List<Map<String, Object>>) values.get("engines")).get(0);
        engine.put("port", enginePort);
        Path valuesFile = work.resolve("values.yaml");
        yaml.writeValue(valuesFile.toFile(), values);
        Manifests manifests = Chart.render(List.of(valuesFile), Map.of());

        PodTemplateSpec template = manifests.get(Deployment.class, "aibrix-engine-llama3-8b").getSpec()
                .getTemplate();
        Pod pod = new PodBuilder().withNewMetadata().withName("aibrix-engine-llama3-8b-0")
                .withNamespace(Chart.NAMESPACE).withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
        client.pods().inNamespace(Chart.NAMESPACE).resource(pod).create();
        Path config = work.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("gateway.yml"),
                manifests.get(ConfigMap.class, "aibrix-gateway").getData().get("gateway.yml"));

        try (ServiceProcess vllm = ServiceProcess.start("engine-simulator", enginePort, "/health",
                Map.of("simulator.profile", "zero", "simulator.model", "llama3-8b"));
                ServiceProcess gateway = ServiceProcess.start("gateway-service", ServiceProcess.freePort(),
                        "/actuator/health/liveness",
                        // The chart's file, but no metadata-service here to resolve API keys against.
                        Map.of("spring.config.additional-location", config.toUri().toString(),
                                "gateway.auth.enabled", "false"),
                        Map.of("KUBERNETES_MASTER", client.getMasterUrl().toString(),
                                // The mock API server's certificate is self-signed.
                                "KUBERNETES_TRUST_CERTIFICATES", "true",
                                "KUBERNETES_DISABLE_HOSTNAME_VERIFICATION", "true",
                                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false"))) {
            String chat = "{\"model\":\"llama3-8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"max_tokens\":2}";
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.postJson("/v1/chat/completions", chat)
                    .statusCode() == 200);

            HttpResponse<String> routed = gateway.postJson("/v1/chat/completions", chat);
            assertThat(routed.headers().firstValue("target-pod")).hasValue("aibrix-engine-llama3-8b-0");
            assertThat(routed.headers().firstValue("target-pod-ip")).hasValue("127.0.0.1:" + vllm.port());
        }
    }
}
