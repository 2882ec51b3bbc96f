package io.aibrix.batch.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.springframework.lang.Nullable;

/**
 * When a line's request is retried and after how long: on 408, 429, 5xx and transport errors, at most
 * {@code maxRetries} times, after an exponential backoff ({@code baseDelay * 2^(n-1)}, capped at {@code maxDelay}) with
 * equal jitter (half fixed, half random) so the lines of a batch that failed together do not retry together. A
 * {@code Retry-After} longer than the backoff is honoured up to {@code maxDelay}. No retry is scheduled past the
 * batch's deadline.
 */
final class RetryPolicy {

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final RandomGenerator random;

    RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Clock clock, RandomGenerator random) {
        if (maxRetries < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Retry needs maxRetries >= 0 and 0 <= baseDelay <= maxDelay");
        }
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.random = random;
    }

    /** Whether an upstream answer with this status is worth another attempt. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} (at least 1) retryable failures, or empty when
     * the line has used its retries or the wait would end after {@code deadline}.
     */
    Optional<Duration> nextDelay(int failedAttempts, @Nullable Duration retryAfter, Instant deadline) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts starts at 1: " + failedAttempts);
        }
        if (failedAttempts > maxRetries) {
            return Optional.empty();
        }
        long cap = maxDelay.toMillis();
        long exponential = Math.min(cap, baseDelay.toMillis() << Math.min(failedAttempts - 1, 30));
        long half = exponential / 2;
        long delay = exponential - half + (half == 0 ? 0 : random.nextLong(half + 1));
        if (retryAfter != null) {
            delay = Math.max(delay, Math.min(cap, retryAfter.toMillis()));
        }
        Duration wait = Duration.ofMillis(delay);
        if (clock.instant().plus(wait).isAfter(deadline)) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
