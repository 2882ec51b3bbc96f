package io.aibrix.benchmark.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tests for {@link OverheadReport} and {@link Percentiles}. */
class OverheadReportTests {

    @Test
    void takesNearestRankPercentilesInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 1..100 ms, unsorted
        }

        Percentiles p = Percentiles.of(nanos);

        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p90()).isEqualTo(90.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void reportsAddedLatencyAsTheMedianOfPerRoundDifferences() {
        StringWriter text = new StringWriter();
        OverheadReport report = new OverheadReport(new PrintWriter(text));

        report.compare(List.of(round(1, 1.0, 1.5), round(2, 1.0, 1.2), round(3, 1.0, 3.0)), false);

        assertThat(text.toString()).contains("| 1 | engine |").contains("| 3 | gateway |")
                .contains("p50 +0.50 / +0.20 / +2.00 ms").contains("**p50 +0.50 ms");
    }

    @Test
    void sustainsARateOnlyWithoutErrorsAtTheOfferedRateWithinTheP99Bound() {
        OverheadReport report = new OverheadReport(new PrintWriter(new StringWriter()));
        long[] fast = constant(1.0);

        assertThat(report.sweepRow("gateway", new PacedLoad.Result(1000, 999, 1000, 0, fast, fast),
                Duration.ofMillis(25))).isTrue();
        assertThat(report.sweepRow("gateway", new PacedLoad.Result(1000, 980, 1000, 0, fast, fast),
                Duration.ofMillis(25))).isFalse();
        assertThat(report.sweepRow("gateway", new PacedLoad.Result(1000, 999, 1000, 1, fast, fast),
                Duration.ofMillis(25))).isFalse();
        assertThat(report.sweepRow("gateway", new PacedLoad.Result(1000, 999, 1000, 0, constant(30), constant(30)),
                Duration.ofMillis(25))).isFalse();
    }

    private static OverheadReport.Round round(int number, double directMillis, double gatewayMillis) {
        long[] direct = constant(directMillis);
        long[] gateway = constant(gatewayMillis);
        return new OverheadReport.Round(number, new PacedLoad.Result(1000, 1000, 10, 0, direct, direct),
                new PacedLoad.Result(1000, 1000, 10, 0, gateway, gateway));
    }

    private static long[] constant(double millis) {
        long[] nanos = new long[10];
        java.util.Arrays.fill(nanos, (long) (millis * 1_000_000));
        return nanos;
    }
}
