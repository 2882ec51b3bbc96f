package io.aibrix.batch.leases;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes, renews and releases batch leases with single atomic UPDATEs on {@code batches}. Lease times are the
 * database's clock, the one clock all replicas share.
 */
public class LeaseManager {

    static final String UNFINISHED = "('validating', 'in_progress', 'finalizing', 'cancelling')";

    private final JdbcClient jdbc;
    private final String node;
    private final Duration duration;
    private final Duration heartbeatInterval;

    LeaseManager(JdbcClient jdbc, String node, Duration duration, Duration heartbeatInterval) {
        this.jdbc = jdbc;
        this.node = node;
        this.duration = duration;
        this.heartbeatInterval = heartbeatInterval;
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** Up to {@code limit} unfinished batches whose lease is free or expired, oldest first. */
    public List<String> candidates(int limit) {
        return jdbc.sql("select id from batches where status in " + UNFINISHED
                        + " and (lease_expires_at is null or lease_expires_at < now()) order by seq limit :limit")
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** Takes the batch's lease if it is unfinished and its lease is free or expired; at most one node succeeds. */
    public Optional<Lease> tryTake(String batchId) {
        return jdbc.sql("update batches set lease_owner = :node, lease_epoch = lease_epoch + 1,"
                        + " lease_expires_at = now() + make_interval(secs => :seconds)"
                        + " where id = :id and status in " + UNFINISHED
                        + " and (lease_expires_at is null or lease_expires_at < now()) returning lease_epoch")
                .param("node", node)
                .param("seconds", seconds(duration))
                .param("id", batchId)
                .query(Long.class)
                .optional()
                .map(epoch -> new Lease(batchId, node, epoch));
    }

    /** Extends the lease; false if it was lost (taken over), in which case the holder must stop at once. */
    public boolean renew(Lease lease) {
        return jdbc.sql("update batches set lease_expires_at = now() + make_interval(secs => :seconds)"
                        + " where id = :id and lease_owner = :node and lease_epoch = :epoch")
                .param("seconds", seconds(duration))
                .param("id", lease.batchId())
                .param("node", lease.node())
                .param("epoch", lease.epoch())
                .update() == 1;
    }

    /** Gives the lease up so another node may take the batch at once (e.g. on shutdown). */
    public void release(Lease lease) {
        jdbc.sql("update batches set lease_owner = null, lease_expires_at = null"
                        + " where id = :id and lease_owner = :node and lease_epoch = :epoch")
                .param("id", lease.batchId())
                .param("node", lease.node())
                .param("epoch", lease.epoch())
                .update();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
