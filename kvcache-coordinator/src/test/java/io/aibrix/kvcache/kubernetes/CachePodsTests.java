package io.aibrix.kvcache.kubernetes;

import java.util.List;

import io.aibrix.kvcache.ring.RingNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CachePods}. */
class CachePodsTests {

    @Test
    void admitsOnlyRunningReadyPodsWithAnAddressThatAreNotTerminating() {
        Pod ready = KubernetesMembershipIntegrationTests.pod("a", "pool", "cache", "10.0.0.1", true);
        Pod unready = KubernetesMembershipIntegrationTests.pod("b", "pool", "cache", "10.0.0.2", false);
        Pod terminating = new PodBuilder(ready).editMetadata().withName("c")
                .withDeletionTimestamp("2025-06-01T00:00:00Z").endMetadata().build();
        Pod pending = new PodBuilder(ready).editMetadata().withName("d").endMetadata().editStatus()
                .withPhase("Pending").endStatus().build();
        Pod noAddress = new PodBuilder(ready).editMetadata().withName("e").endMetadata().editStatus()
                .withPodIP(null).endStatus().build();

        assertThat(CachePods.members(List.of(ready, unready, terminating, pending, noAddress), 18512))
                .containsExactly(new RingNode("a", "10.0.0.1", 18512, 1));
    }

    @Test
    void readsTheCapacityAnnotationAndFallsBackToOne() {
        Pod weighted = new PodBuilder(KubernetesMembershipIntegrationTests.pod("a", "pool", "cache", "10.0.0.1", true))
                .editMetadata().addToAnnotations(CachePods.CAPACITY, "4").endMetadata().build();
        Pod typo = new PodBuilder(KubernetesMembershipIntegrationTests.pod("b", "pool", "cache", "10.0.0.2", true))
                .editMetadata().addToAnnotations(CachePods.CAPACITY, "four").endMetadata().build();

        assertThat(CachePods.members(List.of(weighted, typo), 1)).extracting(RingNode::capacity).containsExactly(4, 1);
    }
}
