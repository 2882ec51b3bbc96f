package io.aibrix.autoscaler.reconcile;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code autoscaler.reconcile.*}: the control loop.
 *
 * @param interval       time between two rounds over every PodAutoscaler (AIBrix resyncs every 10 s)
 * @param staleAfter     a metric source without a good sample for this long is unknown: the scale is held
 * @param metricsTimeout timeout of one metrics request
 */
@ConfigurationProperties("autoscaler.reconcile")
@Validated
public record ReconcileProperties(
        @DefaultValue("10s") @NotNull Duration interval,
        @DefaultValue("30s") @NotNull Duration staleAfter,
        @DefaultValue("2s") @NotNull Duration metricsTimeout) {

    public ReconcileProperties {
        requirePositive(interval, "autoscaler.reconcile.interval");
        requirePositive(staleAfter, "autoscaler.reconcile.stale-after");
        requirePositive(metricsTimeout, "autoscaler.reconcile.metrics-timeout");
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
