package io.aibrix.metadata.engines;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code metadata.engines.*}: the engine registry for non-Kubernetes mode.
 *
 * @param ttl           an engine not heard from (registration or heartbeat) for this long is expired: left out of
 *                      every answer, and it must register again
 * @param purgeInterval how often expired entries are deleted from the database
 */
@ConfigurationProperties("metadata.engines")
@Validated
record EnginesProperties(
        @DefaultValue("30s") Duration ttl,
        @DefaultValue("1m") Duration purgeInterval) {

    EnginesProperties {
        requirePositive(ttl, "metadata.engines.ttl");
        requirePositive(purgeInterval, "metadata.engines.purge-interval");
    }

    private static void requirePositive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }
}
