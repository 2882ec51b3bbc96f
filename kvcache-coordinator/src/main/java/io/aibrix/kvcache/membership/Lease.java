package io.aibrix.kvcache.membership;

import java.time.Instant;

/**
 * A registered node's lease, as the API returns it.
 *
 * @param cluster     the cluster
 * @param node        the node's name
 * @param expiresAt   the node leaves the ring at this instant unless a heartbeat renews the lease
 * @param ringVersion the cluster's ring version after the call
 */
public record Lease(String cluster, String node, Instant expiresAt, long ringVersion) {
}
