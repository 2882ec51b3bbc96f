package io.aibrix.batch.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Tests for {@link RetryPolicy}. */
class RetryPolicyTests {

    private final MutableClock clock = new MutableClock();
    private final Instant farAway = clock.instant().plus(Duration.ofHours(1));
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(5), clock,
            new SplittableRandom(7));

    @Test
    void retriesTimeoutsRateLimitsAndServerErrorsOnly() {
        assertThat(RetryPolicy.retryable(408)).isTrue();
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThat(RetryPolicy.retryable(422)).isFalse();
    }

    @Test
    void backsOffExponentiallyWithEqualJitterUpToTheCap() {
        assertThat(delay(1)).isBetween(250L, 500L);
        assertThat(delay(2)).isBetween(500L, 1000L);
        assertThat(delay(3)).isBetween(1000L, 2000L);
        assertThat(delay(4)).isBetween(2000L, 4000L);
        assertThat(delay(5)).isBetween(2500L, 5000L);
    }

    @Test
    void spreadsTheDelaysOfLinesThatFailedTogether() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> delay(3)).distinct().count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void stopsAfterTheMaximumNumberOfRetries() {
        assertThat(policy.nextDelay(5, null, farAway)).isPresent();
        assertThat(policy.nextDelay(6, null, farAway)).isEmpty();
    }

    @Test
    void honoursALongerRetryAfterUpToTheCap() {
        assertThat(policy.nextDelay(1, Duration.ofSeconds(3), farAway)).contains(Duration.ofSeconds(3));
        assertThat(policy.nextDelay(1, Duration.ofSeconds(60), farAway)).contains(Duration.ofSeconds(5));
    }

    @Test
    void schedulesNoRetryPastTheDeadline() {
        Instant soon = clock.instant().plus(Duration.ofMillis(200));

        assertThat(policy.nextDelay(1, null, soon)).isEmpty();
    }

    @Test
    void retriesAtOnceWithAZeroBaseDelay() {
        RetryPolicy immediate = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, clock, RandomGenerator.of("L64X128MixRandom"));

        assertThat(immediate.nextDelay(1, null, farAway)).contains(Duration.ZERO);
    }

    private long delay(int failedAttempts) {
        return policy.nextDelay(failedAttempts, null, farAway).orElseThrow().toMillis();
    }
}
