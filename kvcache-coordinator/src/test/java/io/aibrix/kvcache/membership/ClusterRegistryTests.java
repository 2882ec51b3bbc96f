package io.aibrix.kvcache.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.kvcache.errors.ApiException;
import io.aibrix.kvcache.membership.MembershipProperties.Source;
import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.RingNode;
import io.aibrix.kvcache.ring.RingOptions;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link ClusterRegistry}. */
class ClusterRegistryTests {

    private final MutableClock clock = new MutableClock();

    private final ClusterRegistry registry = new ClusterRegistry(
            Map.of("cache", Source.REGISTRATION, "pods", Source.KUBERNETES), RingOptions.defaults(),
            Duration.ofSeconds(30), clock);

    private final List<Long> published = new ArrayList<>();

    ClusterRegistryTests() {
        registry.addListener((cluster, ring) -> published.add(ring.version()));
    }

    @Test
    void joinsAndLeavesNodesPublishingEachVersion() {
        assertThat(registry.register("cache", node("a", "10.0.0.1")).created()).isTrue();
        registry.register("cache", node("b", "10.0.0.2"));
        registry.deregister("cache", "a");

        Ring ring = registry.ring("cache");
        assertThat(ring.nodes()).extracting(RingNode::name).containsExactly("b");
        assertThat(ring.version()).isEqualTo(3);
        assertThat(published).containsExactly(1L, 2L, 3L);
    }

    @Test
    void expiresNodesWhoseLeaseWasNotRenewed() {
        registry.register("cache", node("a", "10.0.0.1"));
        registry.register("cache", node("b", "10.0.0.2"));
        clock.advance(Duration.ofSeconds(20));
        assertThat(registry.heartbeat("cache", "a").expiresAt()).isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(10));
        registry.expire();

        assertThat(registry.ring("cache").nodes()).extracting(RingNode::name).containsExactly("a");
        assertThatThrownBy(() -> registry.heartbeat("cache", "b")).isInstanceOf(ApiException.class)
                .hasMessage("Node 'b' does not exist");
    }

    @Test
    void refusesAHeartbeatAfterTheLeaseEndedEvenBeforeTheSweep() {
        registry.register("cache", node("a", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> registry.heartbeat("cache", "a")).isInstanceOf(ApiException.class);
    }

    @Test
    void reRegisteringWithANewAddressBumpsTheVersionAndKeepsTheSlots() {
        registry.register("cache", node("a", "10.0.0.1"));
        registry.register("cache", node("b", "10.0.0.2"));
        Ring before = registry.ring("cache");

        ClusterRegistry.Registration again = registry.register("cache", node("a", "10.0.0.7"));

        Ring after = registry.ring("cache");
        assertThat(again.created()).isFalse();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.slotsOf("a")).isEqualTo(before.slotsOf("a"));
        assertThat(after.node("a")).get().extracting(RingNode::address).isEqualTo("10.0.0.7");
    }

    @Test
    void reRegisteringUnchangedRenewsTheLeaseWithoutANewVersion() {
        registry.register("cache", node("a", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(10));

        Lease lease = registry.register("cache", node("a", "10.0.0.1")).lease();

        assertThat(lease.ringVersion()).isEqualTo(1);
        assertThat(lease.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(published).containsExactly(1L);
    }

    @Test
    void refusesAnAddressAnotherNodeHolds() {
        registry.register("cache", node("a", "10.0.0.1"));

        assertThatThrownBy(() -> registry.register("cache", node("b", "10.0.0.1")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("already registered by node 'a'");
    }

    @Test
    void refusesRegistrationInAKubernetesCluster() {
        assertThatThrownBy(() -> registry.register("pods", node("a", "10.0.0.1")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("takes its members from Kubernetes");
    }

    @Test
    void answersNotFoundForUnknownClustersAndNodes() {
        assertThatThrownBy(() -> registry.ring("nope")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> registry.deregister("cache", "ghost")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void replacesKubernetesMembersWholesale() {
        registry.replaceMembers("pods", List.of(node("p0", "10.1.0.1"), node("p1", "10.1.0.2")));
        registry.replaceMembers("pods", List.of(node("p1", "10.1.0.2")));
        registry.replaceMembers("pods", List.of(node("p1", "10.1.0.2")));
        clock.advance(Duration.ofDays(1));
        registry.expire();

        assertThat(registry.ring("pods").nodes()).extracting(RingNode::name).containsExactly("p1");
        assertThat(registry.ring("pods").version()).isEqualTo(2);
    }

    private static RingNode node(String name, String address) {
        return new RingNode(name, address, 18512, 1);
    }
}
