package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link MetricWindow}. */
class MetricWindowTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void averagesOneSecondBucketsWithinTheWindow() {
        MetricWindow window = new MetricWindow(Duration.ofSeconds(10));
        window.record(T0, 10);
        window.record(T0.plusMillis(500), 20);
        window.record(T0.plusSeconds(1), 30);

        assertThat(window.average(T0.plusSeconds(1))).isEqualTo(22.5);
    }

    @Test
    void samplesOlderThanTheWindowDropOut() {
        MetricWindow window = new MetricWindow(Duration.ofSeconds(10));
        window.record(T0, 100);
        window.record(T0.plusSeconds(9), 10);

        assertThat(window.average(T0.plusSeconds(9))).isEqualTo(55);
        assertThat(window.average(T0.plusSeconds(10))).isEqualTo(10);
    }

    @Test
    void anEmptyWindowIsUnknownNotZero() {
        MetricWindow window = new MetricWindow(Duration.ofSeconds(10));
        window.record(T0, 5);

        assertThat(window.average(T0.plusSeconds(30))).isNaN();
    }
}
