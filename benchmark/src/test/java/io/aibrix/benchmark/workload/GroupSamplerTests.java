package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Tests for {@link GroupSampler}. */
class GroupSamplerTests {

    private static final int SAMPLES = 200_000;

    @Test
    void zipfTopGroupTakesItsTheoreticalShare() {
        GroupSampler zipf = GroupSampler.zipf(16, 1.5);
        double harmonic = 0;
        for (int k = 1; k <= 16; k++) {
            harmonic += Math.pow(k, -1.5);
        }
        // scenario C of the reference: 16 groups, alpha 1.5 => the top group gets about 47 %
        assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-12)).isCloseTo(0.47, within(0.01));
        double[] shares = shares(zipf, 3);
        assertThat(shares[0]).isCloseTo(zipf.probability(0), within(0.01));
        assertThat(shares[1]).isCloseTo(zipf.probability(1), within(0.01));
    }

    @Test
    void zipfSharesDecreaseWithRank() {
        double[] shares = shares(GroupSampler.zipf(8, 1.2), 5);
        for (int k = 1; k < shares.length; k++) {
            assertThat(shares[k]).isLessThan(shares[k - 1]);
        }
    }

    @Test
    void uniformSpreadsEvenly() {
        double[] shares = shares(GroupSampler.uniform(10), 9);
        for (double share : shares) {
            assertThat(share).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void probabilitiesSumToOne() {
        GroupSampler zipf = GroupSampler.zipf(40, 0.8);
        double total = 0;
        for (int k = 0; k < zipf.groups(); k++) {
            total += zipf.probability(k);
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
    }

    private static double[] shares(GroupSampler sampler, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] shares = new double[sampler.groups()];
        for (int i = 0; i < SAMPLES; i++) {
            shares[sampler.next(random)] += 1.0 / SAMPLES;
        }
        return shares;
    }
}
