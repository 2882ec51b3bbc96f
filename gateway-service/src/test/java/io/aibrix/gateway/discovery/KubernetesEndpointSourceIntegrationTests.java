package io.aibrix.gateway.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Tests for {@link KubernetesEndpointSource} against a CRUD-mode Kubernetes mock server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesEndpointSourceIntegrationTests {

    private static final String NAMESPACE = "models";

    static KubernetesMockServer server;

    static KubernetesClient client;

    private final List<EndpointSnapshot> snapshots = new CopyOnWriteArrayList<>();

    private final AtomicBoolean completed = new AtomicBoolean();

    private KubernetesEndpointSource source;

    private Disposable subscription;


    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
        if (source != null) {
            source.close();
        }
        client.pods().inAnyNamespace().delete();
    }

    @Test
    void followsPodsThroughReadinessTerminationAndDeletion() {
        create(pod(NAMESPACE, "llama-0", "10.0.0.1", true).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "llama").endMetadata().build());
        create(pod("elsewhere", "llama-x", "10.0.9.9", true).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "llama").endMetadata().build());
        start(NAMESPACE, Duration.ofMillis(20));

        await().untilAsserted(() -> assertThat(latest().endpoints("llama")).containsExactly(
                new Endpoint("llama-0", "10.0.0.1", 8000, 8000, null, true)));

        create(pod(NAMESPACE, "llama-1", "10.0.0.2", false).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "llama").addToLabels(PodEndpoints.PORT, "8100")
                .addToFinalizers("test.aibrix.io/keep").endMetadata().build());
        create(pod(NAMESPACE, "ray-worker", "10.0.0.3", true).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "llama").addToLabels(PodEndpoints.RAY_NODE_TYPE, "worker")
                .endMetadata().build());
        create(pod(NAMESPACE, "sql-lora-0", "10.0.0.4", true).editMetadata()
                .addToAnnotations(PodEndpoints.MODEL_NAME, "org/sql-lora").endMetadata().build());
        await().untilAsserted(() -> {
            assertThat(latest().endpoints("llama")).extracting(Endpoint::name, Endpoint::ready)
                    .containsExactly(tuple("llama-0", true),
                            tuple("llama-1", false));
            assertThat(latest().models()).containsExactly("llama", "org/sql-lora");
        });

        setReady("llama-1", true);
        await().untilAsserted(() -> assertThat(latest().readyEndpoints("llama")).extracting(Endpoint::address)
                .containsExactly("10.0.0.1:8000", "10.0.0.2:8100"));

        setReady("llama-0", false);
        await().untilAsserted(() -> assertThat(latest().readyEndpoints("llama")).extracting(Endpoint::name)
                .containsExactly("llama-1"));

        // The finalizer keeps the deleted pod around, terminating, with a deletion timestamp.
        client.pods().inNamespace(NAMESPACE).withName("llama-1").delete();
        await().untilAsserted(() -> assertThat(latest().endpoints("llama")).extracting(Endpoint::name)
                .containsExactly("llama-0"));
        assertThat(client.pods().inNamespace(NAMESPACE).withName("llama-1").get().getMetadata().getDeletionTimestamp())
                .isNotNull();

        client.pods().inNamespace(NAMESPACE).withName("llama-0").delete();
        await().untilAsserted(() -> assertThat(latest().models()).containsExactly("org/sql-lora"));

        source.close();
        await().untilTrue(completed);
    }

    @Test
    void watchesAllNamespacesWhenNoneIsConfigured() {
        create(pod(NAMESPACE, "a", "10.0.0.1", true).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "m").endMetadata().build());
        create(pod("other", "b", "10.0.0.2", true).editMetadata()
                .addToLabels(PodEndpoints.MODEL_NAME, "m").endMetadata().build());
        start("", Duration.ZERO);

        await().untilAsserted(() -> assertThat(latest().endpoints("m")).extracting(Endpoint::name)
                .containsExactly("a", "b"));
    }

    @Test
    void coalescesABurstOfEventsIntoFewSnapshots() {
        start(NAMESPACE, Duration.ofMillis(300));
        await().until(() -> !snapshots.isEmpty());
        assertThat(latest()).isEqualTo(EndpointSnapshot.EMPTY);

        for (int i = 0; i < 20; i++) {
            create(pod(NAMESPACE, "engine-" + i, "10.0.1." + i, true).editMetadata()
                    .addToLabels(PodEndpoints.MODEL_NAME, "m").endMetadata().build());
        }

        await().untilAsserted(() -> assertThat(latest().endpoints("m")).hasSize(20));
        assertThat(snapshots).hasSizeLessThan(10);
    }

    private void start(String namespace, Duration coalesceWindow) {
        source = new KubernetesEndpointSource(client, false, namespace, coalesceWindow, Clock.systemUTC());
        subscription = source.snapshots().subscribe(snapshots::add, error -> { }, () -> completed.set(true));
    }

    private EndpointSnapshot latest() {
        assertThat(snapshots).isNotEmpty();
        return snapshots.get(snapshots.size() - 1);
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private static void setReady(String name, boolean ready) {
        client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> new PodBuilder(pod).editStatus()
                .editFirstCondition().withStatus(ready ? "True" : "False").endCondition().endStatus().build());
    }

    private static PodBuilder pod(String namespace, String name, String ip, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
    }
}
