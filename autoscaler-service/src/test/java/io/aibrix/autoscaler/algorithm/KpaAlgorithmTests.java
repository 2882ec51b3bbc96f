package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.aibrix.autoscaler.spec.ScalingParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KpaAlgorithm}: AIBrix's {@code kpa_test.go} cases under our semantics (windows hold the target's
 * total, the target is per pod), and the panic hold AIBrix never persists.
 */
class KpaAlgorithmTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration STABLE = Duration.ofSeconds(180);

    private final KpaAlgorithm kpa = new KpaAlgorithm();

    private static ScalingInput input(int current, int ready, double stable, double panic, double target,
            ScalingParameters parameters, Instant now) {
        return new ScalingInput(current, ready, stable, panic, target, STABLE, parameters, now);
    }

    private static ScalingInput input(int current, int ready, double stable, double panic, double target) {
        return input(current, ready, stable, panic, target, ScalingParameters.DEFAULTS, T0);
    }

    @Test
    void stableTotalOfTwentyForATargetOfTenNeedsTwoPods() {
        Recommendation decision = kpa.recommend(input(5, 5, 20, 20, 10), null);

        assertThat(decision.replicas()).isEqualTo(2);
        assertThat(decision.panic()).isNull();
    }

    @Test
    void panicWindowOfFortyScalesToFour() {
        Recommendation decision = kpa.recommend(input(2, 2, 20, 40, 10), null);

        assertThat(decision.replicas()).isEqualTo(4);
        assertThat(decision.panic()).isNotNull();
        assertThat(decision.reason()).startsWith("panic");
    }

    @Test
    void scaleUpRateOfOneAndAHalfFromTwoStopsAtThree() {
        ScalingParameters rate = ScalingParameters.from(Map.of(ScalingParameters.MAX_SCALE_UP_RATE, "1.5"));

        Recommendation decision = kpa.recommend(input(2, 2, 100, 100, 10, rate, T0), null);

        assertThat(decision.replicas()).isEqualTo(3);
    }

    @Test
    void scaleDownRateOfTwoFromFourStopsAtTwo() {
        Recommendation decision = kpa.recommend(input(4, 4, 1, 1, 10), null);

        assertThat(decision.replicas()).isEqualTo(2);
    }

    @Test
    void noLoadAsksForZeroPods() {
        Recommendation decision = kpa.recommend(input(1, 1, 0, 0, 10), null);

        assertThat(decision.replicas()).isZero();
    }

    @Test
    void loadWithinToleranceKeepsTheCurrentScale() {
        // 3 pods carrying 31.5 in total: 10.5 each, inside [9, 11] around the target of 10.
        Recommendation decision = kpa.recommend(input(3, 3, 31.5, 31.5, 10), null);

        assertThat(decision.replicas()).isEqualTo(3);
    }

    @Test
    void theTotalIsNotMistakenForAPerPodAverage() {
        // 4 pods each carrying 5 (total 20) against a target of 10 per pod: 2 pods suffice. Reading 20 as a per-pod
        // average (AIBrix's mix-up) would ask for 8.
        Recommendation decision = kpa.recommend(input(4, 4, 20, 20, 10), null);

        assertThat(decision.replicas()).isEqualTo(2);
    }

    @Test
    void panicModeHoldsTheScaleUntilAStableWindowPassesWithoutPanic() {
        Recommendation burst = kpa.recommend(input(2, 2, 20, 80, 10), null);
        assertThat(burst.replicas()).isEqualTo(4);

        // The burst is over: both windows ask for 1, yet panic mode holds 4.
        Instant later = T0.plus(Duration.ofSeconds(60));
        Recommendation calm = kpa.recommend(input(4, 4, 10, 10, 10, ScalingParameters.DEFAULTS, later), burst.panic());
        assertThat(calm.replicas()).isEqualTo(4);
        assertThat(calm.reason()).contains("holding 4");

        Instant afterWindow = T0.plus(STABLE);
        Recommendation out = kpa.recommend(input(4, 4, 10, 10, 10, ScalingParameters.DEFAULTS, afterWindow),
                calm.panic());
        assertThat(out.panic()).isNull();
        assertThat(out.replicas()).isEqualTo(2);
    }

    @Test
    void aNewBurstDuringPanicExtendsIt() {
        Recommendation first = kpa.recommend(input(2, 2, 20, 80, 10), null);
        Instant again = T0.plus(Duration.ofSeconds(150));
        Recommendation second = kpa.recommend(input(4, 4, 40, 160, 10, ScalingParameters.DEFAULTS, again),
                first.panic());
        Instant afterFirstWindow = T0.plus(STABLE).plusSeconds(10);

        Recommendation still = kpa.recommend(input(8, 8, 10, 10, 10, ScalingParameters.DEFAULTS, afterFirstWindow),
                second.panic());

        assertThat(second.replicas()).isEqualTo(8);
        assertThat(still.panic()).isNotNull();
        assertThat(still.replicas()).isEqualTo(8);
    }

    @Test
    void aPanicWindowBelowTheThresholdDoesNotPanic() {
        // 3 ready pods, panic window asks for 5: 5/3 < 2.
        Recommendation decision = kpa.recommend(input(3, 3, 30, 50, 10), null);

        assertThat(decision.panic()).isNull();
        assertThat(decision.replicas()).isEqualTo(3);
    }

    @Test
    void withNoReadyPodsOneReplicaIsTheMostOneStepAdds() {
        Recommendation decision = kpa.recommend(input(0, 0, 10, 10, 10), null);

        assertThat(decision.replicas()).isEqualTo(1);
    }
}
