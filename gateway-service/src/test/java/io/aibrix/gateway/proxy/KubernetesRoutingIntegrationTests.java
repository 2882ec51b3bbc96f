package io.aibrix.gateway.proxy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of Kubernetes discovery: pods labelled {@code model.aibrix.ai/name} in a CRUD-mode mock API server
 * point at real simulated engines, and the gateway routes only to ready, non-terminating ones.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRoutingIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String NAMESPACE = "llm";
    private static final ObjectMapper JSON = new ObjectMapper();

    static KubernetesMockServer server;
    static KubernetesClient client;

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    @Test
    void routesToReadyPodsAndAnswers503WhenNoneIsReady() throws Exception {
        client.pods().inNamespace(NAMESPACE).resource(pod("llama-0", fleet.engine(0).port(), false)).create();
        Map<String, String> properties = Map.of("gateway.discovery.source", "kubernetes",
                "gateway.discovery.kubernetes.namespace", NAMESPACE);
        try (RunningGateway gateway = RunningGateway.start(properties,
                context -> context.getBeanFactory().registerSingleton("kubernetesClient", client))) {
            GatewayClient http = new GatewayClient(gateway.baseUri());

            // Discovery is asynchronous: the model is unknown (404) until the informer's first list arrives.
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness")
                    .statusCode() == 200);
            HttpResponse<String> unavailable = http.post("/v1/chat/completions", chat(MODEL, "x", false, 2));
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(unavailable.body()).path("error").path("message").asText()).contains(MODEL);

            client.pods().inNamespace(NAMESPACE).resource(pod("llama-1", fleet.engine(1).port(), true)).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> http.post("/v1/chat/completions",
                    chat(MODEL, "x", false, 2)).statusCode() == 200);
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> routed = http.post("/v1/chat/completions", chat(MODEL, "x", false, 2));
                assertThat(routed.headers().firstValue("target-pod")).hasValue("llama-1");
                assertThat(routed.headers().firstValue("target-pod-ip"))
                        .hasValue("127.0.0.1:" + fleet.engine(1).port());
            }

            client.pods().inNamespace(NAMESPACE).withName("llama-1").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> http.post("/v1/chat/completions",
                    chat(MODEL, "x", false, 2)).statusCode() == 503);
        }
        finally {
            client.pods().inNamespace(NAMESPACE).delete();
        }
    }

    private static Pod pod(String name, int port, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("model.aibrix.ai/name", MODEL)
                .addToLabels("model.aibrix.ai/port", Integer.toString(port))
                .endMetadata()
                .withNewStatus().withPodIP("127.0.0.1").withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }
}
