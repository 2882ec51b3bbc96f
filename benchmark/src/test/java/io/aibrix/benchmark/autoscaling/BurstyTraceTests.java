package io.aibrix.benchmark.autoscaling;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link BurstyTrace}. */
class BurstyTraceTests {

    @Test
    void hasAQuietBaseTwoRisesASpikeAndAFall() {
        assertThat(BurstyTrace.rate(60)).isEqualTo(1.5);
        assertThat(BurstyTrace.rate(360)).isEqualTo(4.0);
        assertThat(BurstyTrace.rate(600)).isEqualTo(6.0);
        assertThat(BurstyTrace.rate(740)).isEqualTo(10.0);
        assertThat(BurstyTrace.rate(1100)).isEqualTo(1.5);
        assertThat(BurstyTrace.rate(240)).isCloseTo(2.75, within(1e-9));
    }

    @Test
    void arrivalsFollowTheRateAndTheSeed() {
        List<Double> arrivals = BurstyTrace.arrivals(5, new SplittableRandom(42));
        // The integral of the rate over the 240 s replay: sum of trapezoids at replay time.
        double expected = 0;
        for (int i = 1; i < BurstyTrace.PROFILE.length; i++) {
            double[] a = BurstyTrace.PROFILE[i - 1];
            double[] b = BurstyTrace.PROFILE[i];
            expected += (b[0] - a[0]) / 5 * (a[1] + b[1]) / 2;
        }

        assertThat((double) arrivals.size()).isCloseTo(expected, within(expected * 0.1));
        assertThat(arrivals).isSorted().allMatch(t -> t >= 0 && t < 240);
        assertThat(BurstyTrace.arrivals(5, new SplittableRandom(42))).isEqualTo(arrivals);
        long spike = arrivals.stream().filter(t -> t >= 140 && t < 156).count();
        long base = arrivals.stream().filter(t -> t >= 0 && t < 16).count();
        assertThat(spike).isGreaterThan(base * 4);
    }
}
