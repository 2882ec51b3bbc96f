package io.aibrix.gateway.quota;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link SlidingWindow}. */
class SlidingWindowTests {

    private final SlidingWindow minute = new SlidingWindow(Duration.ofMinutes(1));

    @Test
    void cutsTimeIntoFixedWindows() {
        assertThat(minute.index(0)).isZero();
        assertThat(minute.index(59_999)).isZero();
        assertThat(minute.index(60_000)).isEqualTo(1);
        assertThat(minute.index(-1)).isEqualTo(-1);
    }

    @Test
    void weighsThePreviousWindowByTheShareTheSlidingWindowStillCovers() {
        assertThat(minute.previousWeight(60_000)).isEqualTo(1.0);
        assertThat(minute.previousWeight(75_000)).isEqualTo(0.75);
        assertThat(minute.previousWeight(119_999)).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void admitsWhileTheEstimatePlusTheChargeStaysWithinTheLimit() {
        // A quarter into the window: 40 x 0.75 + 5 = 35.
        assertThat(SlidingWindow.estimate(40, 5, 0.75)).isEqualTo(35.0);
        assertThat(SlidingWindow.fits(40, 5, 0.75, 5, 40)).isTrue();
        assertThat(SlidingWindow.fits(40, 5, 0.75, 6, 40)).isFalse();
        assertThat(SlidingWindow.remaining(40, 5, 0.75, 40)).isEqualTo(5);
        assertThat(SlidingWindow.remaining(40, 50, 0.75, 40)).isZero();
    }

    @Test
    void neverAdmitsMoreThanTheLimitAcrossAWindowBoundary() {
        // A fixed window would admit 10 at 59.9 s and 10 more at 60.0 s; the sliding estimate still counts the first 10.
        assertThat(SlidingWindow.fits(10, 0, minute.previousWeight(60_000), 1, 10)).isFalse();
        assertThat(SlidingWindow.fits(10, 0, minute.previousWeight(66_000), 1, 10)).isTrue();
    }

    @Test
    void retryAfterIsZeroWhenTheChargeFitsNow() {
        assertThat(minute.retryAfterMillis(0, 3, 1, 10, 1_000)).isZero();
    }

    @Test
    void retryAfterWaitsForThePreviousWindowToFadeWhenTheCurrentOneHasRoom() {
        // 10 in the previous window, 0 now, at the start: one more fits once 10 x (1 - f) <= 9, i.e. f >= 0.1.
        long wait = minute.retryAfterMillis(10, 0, 1, 10, 60_000);
        assertThat(wait).isEqualTo(6_000);
        assertThat(SlidingWindow.fits(10, 0, minute.previousWeight(60_000 + wait), 1, 10)).isTrue();
        assertThat(SlidingWindow.fits(10, 0, minute.previousWeight(60_000 + wait - 1), 1, 10)).isFalse();
    }

    @Test
    void retryAfterWaitsIntoTheNextWindowWhenTheCurrentOneIsFull() {
        // 10 counted 30 s into the window: 30 s to its end, then 10 x (1 - f) <= 9 needs f >= 0.1 (6 s).
        long wait = minute.retryAfterMillis(0, 10, 1, 10, 30_000);
        assertThat(wait).isEqualTo(36_000);
        long then = 30_000 + wait;
        assertThat(SlidingWindow.fits(10, 0, minute.previousWeight(then), 1, 10)).isTrue();
    }

    @Test
    void retryAfterIsNegativeForAChargeLargerThanTheLimit() {
        assertThat(minute.retryAfterMillis(0, 0, 11, 10, 0)).isEqualTo(-1);
    }

    @Test
    void resetIsWhenTheEstimateFallsBackToZero() {
        assertThat(minute.resetMillis(0, 0, 30_000)).isZero();
        assertThat(minute.resetMillis(5, 0, 30_000)).isEqualTo(30_000);
        assertThat(minute.resetMillis(5, 1, 30_000)).isEqualTo(90_000);
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlidingWindow(Duration.ZERO));
    }
}
