package io.aibrix.gateway.kvevents;

import java.time.Duration;

/** Reconnection pauses: {@code initial}, doubling per attempt up to {@code max}, back to {@code initial} on reset. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private volatile Duration next;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The pause before the next attempt; the one after it is twice as long, at most {@code max}. */
    Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    void reset() {
        next = initial;
    }
}
