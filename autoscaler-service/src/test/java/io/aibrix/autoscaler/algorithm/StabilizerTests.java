package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Stabilizer}. */
class StabilizerTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration DOWN = Duration.ofSeconds(300);

    @Test
    void scaleUpFollowsTheRecommendationAtOnceWithAZeroUpWindow() {
        Stabilizer stabilizer = new Stabilizer();

        assertThat(stabilizer.stabilize(T0, 2, 5, Duration.ZERO, DOWN)).isEqualTo(5);
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationOfTheDownWindow() {
        Stabilizer stabilizer = new Stabilizer();
        stabilizer.stabilize(T0, 5, 5, Duration.ZERO, DOWN);

        assertThat(stabilizer.stabilize(T0.plusSeconds(10), 5, 2, Duration.ZERO, DOWN)).isEqualTo(5);
        assertThat(stabilizer.stabilize(T0.plusSeconds(299), 5, 2, Duration.ZERO, DOWN)).isEqualTo(5);
        assertThat(stabilizer.stabilize(T0.plusSeconds(301), 5, 2, Duration.ZERO, DOWN)).isEqualTo(2);
    }

    @Test
    void anUpWindowIgnoresASingleSpike() {
        Stabilizer stabilizer = new Stabilizer();
        Duration up = Duration.ofSeconds(30);
        stabilizer.stabilize(T0, 2, 2, up, Duration.ZERO);

        assertThat(stabilizer.stabilize(T0.plusSeconds(5), 2, 6, up, Duration.ZERO)).isEqualTo(2);
        assertThat(stabilizer.stabilize(T0.plusSeconds(31), 2, 6, up, Duration.ZERO)).isEqualTo(6);
    }
}
