package io.aibrix.lora.loop;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/** {@code lora.reconcile.*}, {@code lora.retry.*} and {@code lora.placement.*}: the loop's pace and patience. */
@ConfigurationProperties("lora")
@Validated
public record LoopProperties(
        @Valid @NotNull @DefaultValue Reconcile reconcile,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Placement placement) {

    /**
     * @param interval        pause between the end of one round and the start of the next (AIBrix re-queues every
     *                        10 s)
     * @param enabled         {@code false} runs rounds only through the trigger endpoint
     * @param triggerEndpoint expose {@code POST /lora/v1/reconcile}, which runs a round at once and returns its report
     */
    public record Reconcile(@NotNull @DefaultValue("10s") Duration interval, @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean triggerEndpoint) {

        public Reconcile {
            requirePositive(interval, "lora.reconcile.interval");
        }
    }

    /**
     * Load retries per adapter and engine: the n-th retry waits {@code initialBackoff · 2^(n-1)}, at most
     * {@code maxBackoff}; after {@code maxTries} failed tries (or one permanent failure) that engine is given up.
     */
    public record Retry(@NotNull @DefaultValue("5s") Duration initialBackoff,
            @NotNull @DefaultValue("300s") Duration maxBackoff, @Min(1) @DefaultValue("5") int maxTries) {

        public Retry {
            requirePositive(initialBackoff, "lora.retry.initial-backoff");
            requirePositive(maxBackoff, "lora.retry.max-backoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("lora.retry.max-backoff (" + maxBackoff
                        + ") must not be shorter than lora.retry.initial-backoff (" + initialBackoff + ")");
            }
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /** @param randomSeed seed of the {@code random} policy's source; unset = a fresh seed per start */
    public record Placement(@Nullable Long randomSeed) {
    }
}
