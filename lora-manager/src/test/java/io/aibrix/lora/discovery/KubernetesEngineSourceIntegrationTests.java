package io.aibrix.lora.discovery;

import java.net.URI;
import java.util.Map;

import io.aibrix.lora.engine.EngineTarget;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KubernetesEngineSource} against a CRUD-mode Kubernetes mock server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesEngineSourceIntegrationTests {

    private static final String NAMESPACE = "models";

    static KubernetesMockServer server;

    static KubernetesClient client;

    @AfterEach
    void deletePods() {
        client.pods().inAnyNamespace().delete();
    }

    @Test
    void listsEnginePodsWithTheirAddressLabelsAndReadiness() {
        create(pod(NAMESPACE, "llama-0", "10.0.0.1", true, Map.of(KubernetesEngineSource.MODEL_NAME, "llama3-8b",
                "adapter.model.aibrix.ai/enabled", "true")));
        create(pod(NAMESPACE, "llama-1", "10.0.0.2", false, Map.of(KubernetesEngineSource.MODEL_NAME, "llama3-8b",
                KubernetesEngineSource.PORT, "8100")));

        assertThat(source(NAMESPACE).engines()).containsExactly(
                new EngineTarget("llama-0", URI.create("http://10.0.0.1:8000"), Map.of(
                        KubernetesEngineSource.MODEL_NAME, "llama3-8b", "adapter.model.aibrix.ai/enabled", "true"),
                        true),
                new EngineTarget("llama-1", URI.create("http://10.0.0.2:8100"), Map.of(
                        KubernetesEngineSource.MODEL_NAME, "llama3-8b", KubernetesEngineSource.PORT, "8100"), false));
    }

    @Test
    void leavesOutPodsThatAreNotServingEngines() {
        create(pod(NAMESPACE, "no-model-label", "10.0.0.1", true, Map.of("app", "web")));
        create(pod(NAMESPACE, "ray-worker", "10.0.0.2", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m",
                KubernetesEngineSource.RAY_NODE_TYPE, "worker")));
        create(pod(NAMESPACE, "bad-port", "10.0.0.3", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m",
                KubernetesEngineSource.PORT, "http")));
        create(new PodBuilder(pod(NAMESPACE, "finished", "10.0.0.4", true,
                Map.of(KubernetesEngineSource.MODEL_NAME, "m"))).editStatus().withPhase("Succeeded").endStatus()
                .build());
        create(new PodBuilder(pod(NAMESPACE, "no-ip", "", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")))
                .editStatus().withPodIP(null).endStatus().build());
        create(new PodBuilder(pod(NAMESPACE, "terminating", "10.0.0.6", true,
                Map.of(KubernetesEngineSource.MODEL_NAME, "m"))).editMetadata()
                .addToFinalizers("test.aibrix.io/keep").endMetadata().build());
        client.pods().inNamespace(NAMESPACE).withName("terminating").delete();
        create(pod(NAMESPACE, "engine", "10.0.0.7", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")));

        assertThat(source(NAMESPACE).engines()).extracting(EngineTarget::name).containsExactly("engine");
    }

    @Test
    void followsPodsAsTheyComeAndGo() {
        KubernetesEngineSource source = source(NAMESPACE);
        create(pod(NAMESPACE, "a", "10.0.0.1", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")));
        assertThat(source.engines()).extracting(EngineTarget::name).containsExactly("a");

        create(pod(NAMESPACE, "b", "10.0.0.2", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")));
        client.pods().inNamespace(NAMESPACE).withName("a").delete();

        assertThat(source.engines()).extracting(EngineTarget::name).containsExactly("b");
    }

    @Test
    void looksInOneNamespaceOrInAll() {
        create(pod(NAMESPACE, "a", "10.0.0.1", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")));
        create(pod("other", "b", "10.0.0.2", true, Map.of(KubernetesEngineSource.MODEL_NAME, "m")));

        assertThat(source(NAMESPACE).engines()).extracting(EngineTarget::name).containsExactly("a");
        assertThat(source("").engines()).extracting(EngineTarget::name).containsExactly("a", "b");
    }

    private static KubernetesEngineSource source(String namespace) {
        return new KubernetesEngineSource(client, false, namespace);
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private static Pod pod(String namespace, String name, String ip, boolean ready, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }
}
