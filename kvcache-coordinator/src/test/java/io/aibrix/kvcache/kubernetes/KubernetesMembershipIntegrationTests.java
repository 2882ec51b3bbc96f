package io.aibrix.kvcache.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.kvcache.membership.MembershipProperties.Source;
import io.aibrix.kvcache.ring.RingNode;
import io.aibrix.kvcache.ring.RingOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link KubernetesMembership} against a CRUD-mode Kubernetes mock server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesMembershipIntegrationTests {

    private static final String NAMESPACE = "kv";

    static KubernetesMockServer server;

    static KubernetesClient client;

    private final ClusterRegistry registry = new ClusterRegistry(Map.of("pool", Source.KUBERNETES),
            RingOptions.defaults(), Duration.ofSeconds(30), Clock.systemUTC());

    private KubernetesMembership membership;

    @AfterEach
    void stop() {
        if (membership != null) {
            membership.close();
        }
        client.pods().inAnyNamespace().list().getItems().forEach(pod -> client.pods().inNamespace(NAMESPACE)
                .withName(pod.getMetadata().getName()).edit(p -> new PodBuilder(p).editMetadata().withFinalizers()
                        .endMetadata().build()));
        client.pods().inAnyNamespace().delete();
    }

    @Test
    void followsReadyCachePodsThroughReadinessTerminationAndDeletion() {
        // The finalizer keeps the deleted pod visible as terminating, as a graceful shutdown would.
        create(new PodBuilder(pod("pool-0", "pool", "cache", "10.0.0.1", true)).editMetadata()
                .addToFinalizers("test.aibrix.io/keep").endMetadata().build());
        create(pod("pool-1", "pool", "cache", "10.0.0.2", false));
        create(pod("other-0", "other", "cache", "10.0.0.3", true));
        create(pod("watcher", "pool", "kvwatcher", "10.0.0.4", true));
        membership = new KubernetesMembership(client, registry, "pool", NAMESPACE, 18512);
        membership.start();

        await().untilAsserted(() -> assertThat(registry.ring("pool").nodes())
                .containsExactly(new RingNode("pool-0", "10.0.0.1", 18512, 1)));

        client.pods().inNamespace(NAMESPACE).resource(pod("pool-1", "pool", "cache", "10.0.0.2", true)).update();
        await().untilAsserted(() -> assertThat(registry.ring("pool").nodes()).extracting(RingNode::name)
                .containsExactly("pool-0", "pool-1"));

        client.pods().inNamespace(NAMESPACE).withName("pool-0").delete();
        await().untilAsserted(() -> assertThat(registry.ring("pool").nodes()).extracting(RingNode::name)
                .containsExactly("pool-1"));

        client.pods().inNamespace(NAMESPACE).withName("pool-1").delete();
        client.pods().inNamespace(NAMESPACE).withName("pool-0").edit(pod -> new PodBuilder(pod).editMetadata()
                .withFinalizers().endMetadata().build());
        await().untilAsserted(() -> assertThat(registry.ring("pool").isEmpty()).isTrue());
    }

    @Test
    void followsAPodsNewAddressWithANewVersion() {
        create(pod("pool-5", "pool", "cache", "10.0.0.1", true));
        membership = new KubernetesMembership(client, registry, "pool", NAMESPACE, 18512);
        membership.start();
        await().until(() -> !registry.ring("pool").isEmpty());
        long version = registry.ring("pool").version();

        client.pods().inNamespace(NAMESPACE).resource(pod("pool-5", "pool", "cache", "10.0.0.7", true)).update();

        await().untilAsserted(() -> assertThat(registry.ring("pool").node("pool-5")).get()
                .extracting(RingNode::address).isEqualTo("10.0.0.7"));
        assertThat(registry.ring("pool").version()).isEqualTo(version + 1);
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    static Pod pod(String name, String cluster, String role, String ip, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels(CachePods.NAME_LABEL, cluster).addToLabels(CachePods.ROLE_LABEL, role).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }
}
