package io.aibrix.kvcache.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aibrix.kvcache.errors.ApiException;
import io.aibrix.kvcache.membership.MembershipProperties.Source;
import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.RingBuilder;
import io.aibrix.kvcache.ring.RingNode;
import io.aibrix.kvcache.ring.RingOptions;

/**
 * The configured clusters, their members and their rings. Registered nodes hold leases that heartbeats renew;
 * Kubernetes clusters get their whole member list replaced by their pod watcher. Every change that alters a ring
 * publishes the new version to the {@link RingListener}s before the call returns.
 */
public final class ClusterRegistry {

    private final Map<String, ClusterState> clusters;

    private final Clock clock;

    private final Duration leaseTtl;

    private final List<RingListener> listeners = new CopyOnWriteArrayList<>();

    public ClusterRegistry(Map<String, Source> clusters, RingOptions options, Duration leaseTtl, Clock clock) {
        Map<String, ClusterState> states = new TreeMap<>();
        clusters.forEach((name, source) -> states.put(name, new ClusterState(name, source, new RingBuilder(options))));
        this.clusters = Map.copyOf(states);
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    public void addListener(RingListener listener) {
        listeners.add(listener);
    }

    public Set<String> clusterNames() {
        return new TreeSet<>(clusters.keySet());
    }

    /** @throws ApiException 404 for an unknown cluster */
    public Ring ring(String cluster) {
        ClusterState state = state(cluster);
        synchronized (state) {
            return state.ring;
        }
    }

    /**
     * Adds the node or replaces its address, port and capacity, and starts a fresh lease.
     *
     * @return the lease and whether the node was new
     * @throws ApiException 404 unknown cluster; 409 a Kubernetes cluster, or the address already belongs to another
     *                      node of the cluster
     */
    public Registration register(String cluster, RingNode node) {
        ClusterState state = state(cluster);
        synchronized (state) {
            if (state.source == Source.KUBERNETES) {
                throw ApiException.conflict("Cluster '" + cluster + "' takes its members from Kubernetes pods; "
                        + "nodes cannot register with it");
            }
            state.members.values().stream()
                    .filter(member -> !member.node().name().equals(node.name()))
                    .filter(member -> member.node().address().equals(node.address())
                            && member.node().port() == node.port())
                    .findFirst()
                    .ifPresent(member -> {
                        throw ApiException.conflict("Address " + node.address() + ":" + node.port()
                                + " is already registered by node '" + member.node().name() + "' in cluster '"
                                + cluster + "'");
                    });
            Instant expiresAt = clock.instant().plus(leaseTtl);
            boolean created = state.members.put(node.name(), new Member(node, expiresAt)) == null;
            rebuild(state);
            return new Registration(new Lease(cluster, node.name(), expiresAt, state.ring.version()), created);
        }
    }

    /** @throws ApiException 404 unknown cluster or node (also when its lease already expired) */
    public Lease heartbeat(String cluster, String node) {
        ClusterState state = state(cluster);
        synchronized (state) {
            Member member = liveMember(state, node);
            Instant expiresAt = clock.instant().plus(leaseTtl);
            state.members.put(node, new Member(member.node(), expiresAt));
            return new Lease(cluster, node, expiresAt, state.ring.version());
        }
    }

    /** @throws ApiException 404 unknown cluster or node */
    public void deregister(String cluster, String node) {
        ClusterState state = state(cluster);
        synchronized (state) {
            liveMember(state, node);
            state.members.remove(node);
            rebuild(state);
        }
    }

    /** The members of {@code cluster} with their lease expiry ({@link Instant#MAX} for Kubernetes pods). */
    public List<Member> members(String cluster) {
        ClusterState state = state(cluster);
        synchronized (state) {
            return List.copyOf(state.members.values());
        }
    }

    /** Makes {@code nodes} the whole membership of a Kubernetes cluster. */
    public void replaceMembers(String cluster, Collection<RingNode> nodes) {
        ClusterState state = state(cluster);
        synchronized (state) {
            state.members.clear();
            nodes.forEach(node -> state.members.put(node.name(), new Member(node, Instant.MAX)));
            rebuild(state);
        }
    }

    /** Removes every node whose lease ended at or before now; rebuilds only the clusters that lost one. */
    public void expire() {
        Instant now = clock.instant();
        for (ClusterState state : clusters.values()) {
            synchronized (state) {
                if (state.members.values().removeIf(member -> !member.expiresAt().isAfter(now))) {
                    rebuild(state);
                }
            }
        }
    }

    private Member liveMember(ClusterState state, String node) {
        Member member = state.members.get(node);
        if (member == null || !member.expiresAt().isAfter(clock.instant())) {
            throw ApiException.notFound("Node", node);
        }
        return member;
    }

    private void rebuild(ClusterState state) {
        Ring next = state.builder.next(state.ring, state.members.values().stream().map(Member::node).toList());
        if (next != state.ring) {
            state.ring = next;
            listeners.forEach(listener -> listener.ringChanged(state.name, next));
        }
    }

    private ClusterState state(String cluster) {
        ClusterState state = clusters.get(cluster);
        if (state == null) {
            throw ApiException.notFound("Cluster", cluster);
        }
        return state;
    }

    /** Whether {@code cluster} exists and takes members from {@code source}. */
    public boolean hasSource(String cluster, Source source) {
        ClusterState state = clusters.get(cluster);
        return state != null && state.source == source;
    }

    /**
     * @param node      the node as it is in the ring
     * @param expiresAt when its lease ends
     */
    public record Member(RingNode node, Instant expiresAt) {
    }

    /** @param created whether the node was not a member before */
    public record Registration(Lease lease, boolean created) {
    }

    /** Mutable state of one cluster, guarded by its own monitor. */
    private static final class ClusterState {

        private final String name;

        private final Source source;

        private final RingBuilder builder;

        private final Map<String, Member> members = new TreeMap<>();

        private Ring ring;

        ClusterState(String name, Source source, RingBuilder builder) {
            this.name = name;
            this.source = source;
            this.builder = builder;
            this.ring = builder.empty();
        }
    }
}
