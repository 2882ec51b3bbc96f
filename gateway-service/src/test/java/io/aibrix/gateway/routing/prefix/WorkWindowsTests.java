package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import io.aibrix.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link WorkWindows}. */
class WorkWindowsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    private final WorkWindows windows = new WorkWindows(clock, Duration.ofSeconds(20));

    @Test
    void sumsWorkPerPodWithinTheWindow() {
        windows.add("a", 1.5);
        clock.advance(Duration.ofSeconds(5));
        windows.add("a", 0.5);
        windows.add("b", 2.0);

        assertThat(windows.load("a")).isCloseTo(2.0, within(1e-12));
        assertThat(windows.load("b")).isCloseTo(2.0, within(1e-12));
        assertThat(windows.load("c")).isZero();
    }

    @Test
    void dropsWorkOnceItLeavesTheWindow() {
        windows.add("a", 1.0);
        clock.advance(Duration.ofSeconds(10));
        windows.add("a", 2.0);
        clock.advance(Duration.ofSeconds(11));

        assertThat(windows.load("a")).isCloseTo(2.0, within(1e-12));
        clock.advance(Duration.ofSeconds(10));
        assertThat(windows.load("a")).isZero();
    }

    @Test
    void reusesBucketsAcrossManyWindowsWithoutLeakingOldWork() {
        for (int i = 0; i < 200; i++) {
            windows.add("a", 1.0);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(windows.load("a")).isBetween(19.0, 20.0);
    }

    @Test
    void forgetsPodsThatLeft() {
        windows.add("a", 1.0);
        windows.add("b", 1.0);

        windows.retainPods(Set.of("b"));

        assertThat(windows.load("a")).isZero();
        assertThat(windows.load("b")).isEqualTo(1.0);
    }

    @Test
    void rejectsAWindowShorterThanItsBuckets() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WorkWindows(clock, Duration.ofMillis(5)));
    }
}
