package io.aibrix.batch.leases;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Batch execution leases ({@code batch.lease.*}).
 *
 * @param duration          how long a lease lasts without renewal; a dead node's batches are taken over after it
 * @param heartbeatInterval how often a running batch renews its lease; well under {@code duration}
 * @param nodeId            this node's name in {@code lease_owner}; unset: the host name and a random suffix, so a
 *                          restarted process never mistakes its predecessor's lease for its own
 */
@ConfigurationProperties("batch.lease")
@Validated
record LeaseProperties(
        @NotNull @DefaultValue("30s") Duration duration,
        @NotNull @DefaultValue("10s") Duration heartbeatInterval,
        @Nullable String nodeId) {

    LeaseProperties {
        if (duration != null && heartbeatInterval != null
                && (heartbeatInterval.isZero() || heartbeatInterval.compareTo(duration) >= 0)) {
            throw new IllegalArgumentException("batch.lease.heartbeat-interval must be positive and shorter than"
                    + " batch.lease.duration; were " + heartbeatInterval + " and " + duration);
        }
    }
}
