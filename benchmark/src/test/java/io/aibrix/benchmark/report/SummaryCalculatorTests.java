package io.aibrix.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.run.RunResult;
import io.aibrix.benchmark.server.ServerDelta;
import io.aibrix.benchmark.server.ServerDeltas;

/** Tests for {@link SummaryCalculator} and {@link Slo}. */
class SummaryCalculatorTests {

    private static final String A = "127.0.0.1:8000";
    private static final String B = "127.0.0.1:8001";

    @Test
    void warmupRequestsAreRecordedButExcludedFromStatistics() {
        RunResult run = new RunResult(List.of(
                Rows.ok(0, 0.5, 9.0, 10.0, 11, A, 100, 0),
                Rows.ok(1, 2.0, 0.1, 1.0, 11, A, 100, 50),
                Rows.ok(2, 3.0, 0.3, 2.0, 11, B, 100, 50)), 5.0);
        Summary summary = SummaryCalculator.summarize(Rows.run(1.0), run, Slo.NONE, null, null);

        assertThat(summary.counts()).isEqualTo(new Summary.Counts(3, 1, 2, 2, 0));
        assertThat(summary.latencies().ttft().mean()).isCloseTo(0.2, within(1e-12));
        assertThat(summary.latencies().ttft().max()).isCloseTo(0.3, within(1e-12));
        assertThat(summary.window().startSeconds()).isEqualTo(1.0);
        assertThat(summary.window().endSeconds()).isCloseTo(5.001, within(1e-9));
        assertThat(summary.throughput().requestsPerSecond()).isCloseTo(2 / 4.001, within(1e-9));
        assertThat(summary.throughput().outputTokensPerSecond()).isCloseTo(22 / 4.001, within(1e-9));
        assertThat(summary.throughput().goodputRequestsPerSecond()).isNull();
    }

    @Test
    void goodputCountsOnlySuccessfulRequestsMeetingEverySlo() {
        RunResult run = new RunResult(List.of(
                Rows.ok(0, 0, 0.1, 1.0, 11, A, 10, 0),   // tpot 0.09: meets all
                Rows.ok(1, 0, 0.6, 1.0, 11, A, 10, 0),   // ttft too slow
                Rows.ok(2, 0, 0.1, 3.0, 11, B, 10, 0),   // tpot 0.29 too slow
                Rows.ok(3, 0, 0.1, 0.1, 1, B, 10, 0),    // one token: no tpot, passes
                Rows.failed(4, 0, B, "HTTP 503: busy")), 2.0);
        Slo slo = new Slo(0.5, 0.25, null);
        Summary summary = SummaryCalculator.summarize(Rows.run(0), run, slo, null, null);

        assertThat(summary.throughput().goodRequests()).isEqualTo(2);
        double window = summary.window().durationSeconds();
        assertThat(summary.throughput().goodputRequestsPerSecond()).isCloseTo(2 / window, within(1e-9));
        assertThat(summary.counts().failed()).isEqualTo(1);
        assertThat(summary.errors()).containsEntry("HTTP 503: busy", 1L);
    }

    @Test
    void podSharesAndCachedTokenRatio() {
        RunResult run = new RunResult(List.of(
                Rows.ok(0, 0, 0.1, 1, 2, A, 100, 0),
                Rows.ok(1, 0, 0.1, 1, 2, A, 100, 80),
                Rows.ok(2, 0, 0.1, 1, 2, B, 100, 90),
                Rows.failed(3, 0, B, "x")), 2.0);
        Summary summary = SummaryCalculator.summarize(Rows.run(0), run, Slo.NONE, null, null);

        assertThat(summary.pods()).containsOnlyKeys(A, B);
        assertThat(summary.pods().get(A)).isEqualTo(new Summary.PodShare(2, 0, 0.5));
        assertThat(summary.pods().get(B)).isEqualTo(new Summary.PodShare(2, 1, 0.5));
        assertThat(summary.tokens().cached()).isEqualTo(170);
        assertThat(summary.tokens().cachedRatio()).isCloseTo(170 / 300.0, within(1e-12));
    }

    @Test
    void clientOverheadComparesAllRequestsWithTheServerMean() {
        List<RequestResult> rows = List.of(Rows.ok(0, 0.0, 0.30, 1, 2, A, 1, 0), Rows.ok(1, 5.0, 0.10, 1, 2, A, 1, 0));
        ServerDeltas server = new ServerDeltas(new ServerDelta("cluster", 2L, 0.15, 0.9, 0.5, 10.0, 0L, null),
                List.of());
        Summary summary = SummaryCalculator.summarize(Rows.run(1.0), new RunResult(rows, 7), Slo.NONE, server, null);

        assertThat(summary.client().ttftMeanAllSeconds()).isCloseTo(0.2, within(1e-12));
        assertThat(summary.client().ttftMinusServerSeconds()).isCloseTo(0.05, within(1e-12));
        assertThat(summary.client().dispatchLag().max()).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void runWithoutMeasuredRequestsHasNoRates() {
        Summary summary = SummaryCalculator.summarize(Rows.run(1.0), new RunResult(List.of(), 0), Slo.NONE, null,
                null);
        assertThat(summary.throughput().requestsPerSecond()).isNull();
        assertThat(summary.latencies().ttft()).isNull();
        assertThat(summary.tokens().cachedRatio()).isNull();
    }
}
