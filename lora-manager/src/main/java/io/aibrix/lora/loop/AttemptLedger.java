package io.aibrix.lora.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.aibrix.lora.reconcile.Attempt;

/**
 * Failed loads since the last success, per adapter and engine, with the backoff before the next try. Kept in memory:
 * after a restart every engine gets a fresh set of tries.
 */
final class AttemptLedger {

    private final Map<Attempt.Key, Attempt> attempts = new ConcurrentHashMap<>();

    private final LoopProperties.Retry retry;

    AttemptLedger(LoopProperties.Retry retry) {
        this.retry = retry;
    }

    Map<Attempt.Key, Attempt> snapshot() {
        return Map.copyOf(attempts);
    }

    void succeeded(Attempt.Key key) {
        attempts.remove(key);
    }

    /** Counts a failed try; tries of an older generation do not count against a newer one. */
    Attempt failed(Attempt.Key key, long generation, String error, boolean transientFailure, Instant now) {
        return attempts.compute(key, (k, previous) -> {
            int failures = previous == null || previous.generation() != generation ? 1 : previous.failures() + 1;
            boolean exhausted = !transientFailure || failures >= retry.maxTries();
            return new Attempt(generation, failures, exhausted, now.plus(backoff(failures)), error, now);
        });
    }

    /** Forgets adapters that are no longer desired, so one re-created under the same name starts afresh. */
    void retainAdapters(Set<String> names) {
        attempts.keySet().removeIf(key -> !names.contains(key.adapter()));
    }

    int maxTries() {
        return retry.maxTries();
    }

    /** {@code initialBackoff · 2^(failures-1)}, capped at {@code maxBackoff}. */
    Duration backoff(int failures) {
        Duration delay = retry.initialBackoff();
        for (int i = 1; i < failures && delay.compareTo(retry.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : delay;
    }
}
