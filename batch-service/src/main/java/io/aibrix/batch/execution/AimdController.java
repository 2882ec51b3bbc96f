package io.aibrix.batch.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The adaptive concurrency limit of one batch against its targets: additive increase after every window of healthy
 * completions, multiplicative decrease on overload (429, 5xx, timeouts, transport errors) or on a response slower than
 * the latency bound. A decrease lowers the limit by at least one and never below the minimum.
 *
 * <p>Many requests are in flight when a target saturates, so one overload shows up as a burst of failures; at most one
 * decrease per cooldown keeps that burst from collapsing the limit to its minimum.
 */
final class AimdController {

    /**
     * @param initial          the limit to start with
     * @param min              the floor of decreases
     * @param max              the ceiling of increases
     * @param healthyWindow    healthy completions per additive increase
     * @param additiveIncrease the step of an increase
     * @param overloadFactor   the multiplier on overload, in (0, 1)
     * @param slowFactor       the multiplier on a response slower than {@code latencyBound}, in (0, 1)
     * @param latencyBound     a successful response slower than this counts as a sign of overload
     * @param decreaseCooldown the least time between two decreases
     * @param slowStart        raise the limit on every healthy completion until the first sign of overload
     */
    record Settings(int initial, int min, int max, int healthyWindow, int additiveIncrease, double overloadFactor,
            double slowFactor, Duration latencyBound, Duration decreaseCooldown, boolean slowStart) {

        Settings {
            if (min < 1 || max < min || initial < min || initial > max) {
                throw new IllegalArgumentException("Concurrency needs 1 <= min <= initial <= max; were min=" + min
                        + ", initial=" + initial + ", max=" + max);
            }
            if (healthyWindow < 1 || additiveIncrease < 1) {
                throw new IllegalArgumentException("healthyWindow and additiveIncrease must be positive");
            }
            if (!(overloadFactor > 0 && overloadFactor < 1) || !(slowFactor > 0 && slowFactor < 1)) {
                throw new IllegalArgumentException("Decrease factors must be in (0, 1); were " + overloadFactor
                        + " and " + slowFactor);
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private int limit;
    private int healthy;
    private Instant lastDecrease;
    private boolean slowStart;

    AimdController(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.limit = settings.initial();
        this.slowStart = settings.slowStart();
    }

    synchronized int limit() {
        return limit;
    }

    /** A successful response after {@code latency}; returns the new limit. */
    synchronized int onSuccess(Duration latency) {
        if (latency.compareTo(settings.latencyBound()) > 0) {
            decrease(settings.slowFactor());
            return limit;
        }
        if (slowStart) {
            limit = Math.min(settings.max(), limit + settings.additiveIncrease());
            return limit;
        }
        healthy++;
        if (healthy >= settings.healthyWindow()) {
            healthy = 0;
            limit = Math.min(settings.max(), limit + settings.additiveIncrease());
        }
        return limit;
    }

    /** An overloaded answer (429, 5xx, timeout, transport error); returns the new limit. */
    synchronized int onOverload() {
        decrease(settings.overloadFactor());
        return limit;
    }

    private void decrease(double factor) {
        healthy = 0;
        slowStart = false;
        Instant now = clock.instant();
        if (lastDecrease != null && now.isBefore(lastDecrease.plus(settings.decreaseCooldown()))) {
            return;
        }
        lastDecrease = now;
        int lowered = Math.min(limit - 1, (int) Math.floor(limit * factor));
        limit = Math.max(settings.min(), lowered);
    }
}
