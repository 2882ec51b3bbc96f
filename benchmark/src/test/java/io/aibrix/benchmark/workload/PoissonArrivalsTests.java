package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Tests for {@link PoissonArrivals}. */
class PoissonArrivalsTests {

    @Test
    void meanRateMatchesQpsOverManySamples() {
        PoissonArrivals arrivals = new PoissonArrivals(12, new SplittableRandom(42));
        int samples = 200_000;
        double last = 0;
        double sumSquares = 0;
        for (int i = 0; i < samples; i++) {
            double next = arrivals.next();
            double gap = next - last;
            sumSquares += gap * gap;
            last = next;
        }
        double meanGap = last / samples;
        assertThat(samples / last).isCloseTo(12, within(12 * 0.01));
        // exponential gaps: variance = mean², so the coefficient of variation is 1
        double variance = sumSquares / samples - meanGap * meanGap;
        assertThat(Math.sqrt(variance) / meanGap).isCloseTo(1.0, within(0.02));
    }

    @Test
    void arrivalTimesNeverDecrease() {
        PoissonArrivals arrivals = new PoissonArrivals(100, new SplittableRandom(1));
        double previous = 0;
        for (int i = 0; i < 10_000; i++) {
            double next = arrivals.next();
            assertThat(next).isGreaterThanOrEqualTo(previous);
            previous = next;
        }
    }

    @Test
    void samePoissonSeedGivesSameArrivals() {
        assertThat(arrivals(7)).isEqualTo(arrivals(7)).isNotEqualTo(arrivals(8));
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PoissonArrivals(0, new SplittableRandom(1)))
                .withMessageContaining("0.0");
    }

    private static List<Double> arrivals(long seed) {
        List<Double> times = new ArrayList<>();
        new PoissonWorkload(5, RequestMix.single(10, 5), new RandomStreams(seed))
                .schedule(new RunLimits(null, 500L))
                .forEachRemaining(request -> times.add(request.atSeconds()));
        return times;
    }
}
