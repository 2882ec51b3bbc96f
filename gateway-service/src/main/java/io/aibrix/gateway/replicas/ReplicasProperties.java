package io.aibrix.gateway.replicas;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Active-active gateway replicas sharing routing state through Redis ({@code gateway.replicas.*}). Off, at no cost,
 * unless {@code redis-url} is set.
 *
 * @param redisUrl              Lettuce URI of the Redis every replica uses ({@code redis://[:password@]host:port},
 *                              {@code rediss://} for TLS); unset or blank: this replica routes on its own state only
 * @param channelPrefix         prefix of the two pub/sub channels ({@code <prefix>:in-flight},
 *                              {@code <prefix>:prefix}); replicas of one gateway deployment must share it, different
 *                              deployments on one Redis must not
 * @param publishInterval       how often a replica publishes its own in-flight counts per engine (the scrape cadence)
 * @param peerExpiry            a replica's counts stop counting when nothing was heard from it for this long
 * @param prefixBatchInterval   how often a replica publishes the prefix decisions it made since the last batch
 * @param prefixRefreshInterval a block already published for an engine is not published again within this time (it
 *                              only refreshes the peers' idle TTL, which is minutes); 0 publishes every decision whole
 * @param maxPendingBlocks      block hashes a replica holds for its next batch; decisions beyond are not shared
 * @param commandTimeout        Redis connect and command timeout
 */
@Validated
@ConfigurationProperties("gateway.replicas")
record ReplicasProperties(
        @Nullable String redisUrl,
        @NotBlank @DefaultValue("aibrix:gateway") String channelPrefix,
        @NotNull @DurationMin(millis = 1) @DefaultValue("50ms") Duration publishInterval,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration peerExpiry,
        @NotNull @DurationMin(millis = 1) @DefaultValue("20ms") Duration prefixBatchInterval,
        @NotNull @DefaultValue("10s") Duration prefixRefreshInterval,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int maxPendingBlocks,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration commandTimeout) {

    ReplicasProperties {
        if (peerExpiry != null && publishInterval != null
                && peerExpiry.compareTo(publishInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("gateway.replicas.peer-expiry must be at least twice publish-interval, "
                    + "got " + peerExpiry + " and " + publishInterval);
        }
        if (prefixRefreshInterval != null && prefixRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("gateway.replicas.prefix-refresh-interval must not be negative");
        }
    }

    /** Whether a Redis URL is configured, i.e. whether this replica shares state. */
    boolean enabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }

    String inFlightChannel() {
        return channelPrefix + ":in-flight";
    }

    String prefixChannel() {
        return channelPrefix + ":prefix";
    }
}
