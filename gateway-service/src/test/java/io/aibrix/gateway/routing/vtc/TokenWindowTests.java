package io.aibrix.gateway.routing.vtc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link TokenWindow}. */
class TokenWindowTests {

    /** Four buckets of one second: a charge counts for 3 to 4 seconds. */
    private final TokenWindow window = new TokenWindow(4, 1_000);

    @Test
    void sumsChargesInsideTheWindow() {
        window.charge(10_000, 100);
        window.charge(11_500, 50);

        assertThat(window.total(12_000)).isEqualTo(150);
    }

    @Test
    void dropsEachChargeOnceItsBucketLeavesTheWindow() {
        window.charge(10_000, 100);
        window.charge(12_000, 50);

        assertThat(window.total(13_999)).isEqualTo(150);
        assertThat(window.total(14_000)).isEqualTo(50);
        assertThat(window.total(16_000)).isZero();
    }

    @Test
    void forgetsEverythingAfterAGapLongerThanTheWindow() {
        window.charge(10_000, 100);

        assertThat(window.total(1_000_000)).isZero();
        window.charge(1_000_000, 7);
        assertThat(window.total(1_000_500)).isEqualTo(7);
    }

    @Test
    void correctsAnEstimateInPlaceSoItLeavesWhenTheEstimateWould() {
        long bucket = window.charge(10_000, 100);
        window.charge(11_000, 10);

        window.correct(bucket, 100, 40, 12_000);

        assertThat(window.total(12_000)).isEqualTo(50);
        assertThat(window.total(14_000)).isEqualTo(10);
    }

    @Test
    void chargesTheActualAmountNowWhenTheEstimateHasLeftTheWindow() {
        long bucket = window.charge(10_000, 100);

        window.correct(bucket, 100, 40, 20_000);

        assertThat(window.total(20_000)).isEqualTo(40);
        assertThat(window.total(23_999)).isEqualTo(40);
    }

    @Test
    void treatsAClockThatRunsBackwardsAsStandingStill() {
        window.charge(10_000, 100);

        window.charge(5_000, 1);

        assertThat(window.total(10_000)).isEqualTo(101);
        assertThat(window.total(14_000)).isZero();
    }

    @Test
    void rejectsNegativeCharges() {
        assertThatIllegalArgumentException().isThrownBy(() -> window.charge(0, -1));
    }
}
