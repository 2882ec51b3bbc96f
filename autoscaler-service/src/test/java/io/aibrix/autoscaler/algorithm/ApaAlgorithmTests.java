package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.aibrix.autoscaler.spec.ScalingParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ApaAlgorithm}: AIBrix's {@code apa_test.go} cases, the pods' values summed into a total. */
class ApaAlgorithmTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private final ApaAlgorithm apa = new ApaAlgorithm();

    private static ScalingInput twoPods(double perPod, double target, ScalingParameters parameters) {
        return new ScalingInput(2, 2, perPod * 2, perPod * 2, target, Duration.ofSeconds(180), parameters, T0);
    }

    @Test
    void twoPodsAtFortyFiveForATargetOfThirtyScaleToThree() {
        assertThat(apa.recommend(twoPods(45, 30, ScalingParameters.DEFAULTS), null).replicas()).isEqualTo(3);
    }

    @Test
    void twoPodsAtNinetyAreLimitedToFourByARateOfTwo() {
        assertThat(apa.recommend(twoPods(90, 30, ScalingParameters.DEFAULTS), null).replicas()).isEqualTo(4);
    }

    @Test
    void twoPodsAtNinetyReachFiveWithARateOfTwoAndAHalf() {
        ScalingParameters rate = ScalingParameters.from(Map.of(ScalingParameters.MAX_SCALE_UP_RATE, "2.5"));

        assertThat(apa.recommend(twoPods(90, 30, rate), null).replicas()).isEqualTo(5);
    }

    @Test
    void loadWithinTheToleranceBandChangesNothing() {
        assertThat(apa.recommend(twoPods(32, 30, ScalingParameters.DEFAULTS), null).replicas()).isEqualTo(2);
        assertThat(apa.recommend(twoPods(28, 30, ScalingParameters.DEFAULTS), null).replicas()).isEqualTo(2);
    }

    @Test
    void wideToleranceAbsorbsALargerDeviation() {
        ScalingParameters wide = ScalingParameters.from(Map.of(ScalingParameters.SCALE_UP_TOLERANCE, "0.6"));

        assertThat(apa.recommend(twoPods(45, 30, wide), null).replicas()).isEqualTo(2);
    }

    @Test
    void scaleDownIsLimitedByTheDownRate() {
        ScalingInput eightIdle = new ScalingInput(8, 8, 0, 0, 30, Duration.ofSeconds(180),
                ScalingParameters.DEFAULTS, T0);

        assertThat(apa.recommend(eightIdle, null).replicas()).isEqualTo(4);
    }
}
