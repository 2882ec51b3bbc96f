package io.aibrix.kvcache.ring;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the balance and movement {@link RingMeasurement} reports (docs/benchmarks/kvcache.md), at a few sizes:
 * the default ring within 1.10 × mean load and 1.1/N moved, bounded loads within 1.05 × mean.
 */
class RingBalanceTests {

    @ParameterizedTest
    @ValueSource(ints = {3, 17, 64})
    void defaultRingStaysWithinTenPercentOfTheMeanAndMovesAtMostElevenTenthsOverN(int n) {
        RingMeasurement.Row row = RingMeasurement.measure(RingOptions.defaults(), n);

        assertThat(row.maxOverMean()).isLessThanOrEqualTo(1.10);
        assertThat(row.joinTimesN()).isLessThanOrEqualTo(1.10);
        assertThat(row.leaveTimesN()).isLessThanOrEqualTo(1.10);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 17, 64})
    void boundedLoadsStayWithinFivePercentOfTheMean(int n) {
        RingMeasurement.Row row = RingMeasurement.measure(RingOptions.defaults()
                .withAssignment(Assignment.BOUNDED_LOADS), n);

        assertThat(row.maxOverMean()).isLessThanOrEqualTo(1.05);
    }
}
