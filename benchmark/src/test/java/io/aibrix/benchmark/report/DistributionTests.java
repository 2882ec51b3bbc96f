package io.aibrix.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tests for {@link Distribution}. */
class DistributionTests {

    @Test
    void percentilesInterpolateLinearlyLikeNumpy() {
        // numpy.percentile([1..10], [50, 90, 99]) = [5.5, 9.1, 9.91]
        Distribution d = Distribution.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
        assertThat(d.count()).isEqualTo(10);
        assertThat(d.mean()).isCloseTo(5.5, within(1e-12));
        assertThat(d.p50()).isCloseTo(5.5, within(1e-12));
        assertThat(d.p90()).isCloseTo(9.1, within(1e-12));
        assertThat(d.p99()).isCloseTo(9.91, within(1e-12));
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(10);
    }

    @Test
    void singleValueIsEveryPercentile() {
        Distribution d = Distribution.of(List.of(0.25));
        assertThat(List.of(d.mean(), d.p50(), d.p90(), d.p99(), d.min(), d.max())).containsOnly(0.25);
    }

    @Test
    void emptySampleHasNoDistribution() {
        assertThat(Distribution.of(List.of())).isNull();
    }

    @Test
    void extremePercentilesAreMinAndMax() {
        double[] sorted = {1, 4, 9};
        assertThat(Distribution.percentile(sorted, 0)).isEqualTo(1);
        assertThat(Distribution.percentile(sorted, 100)).isEqualTo(9);
        assertThat(Distribution.percentile(sorted, 75)).isEqualTo(6.5);
    }
}
