package io.aibrix.benchmark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tests for {@link StepStatsReport} and the {@link StepStats} wire format. */
class StepStatsReportTests {

    @Test
    void readsTheSimulatorsJsonIgnoringUnknownFields() throws Exception {
        StepStats stats = new ObjectMapper().readValue("{\"steps\":1234,\"modelledMsMean\":30.1,\"measuredMsMean\":"
                + "30.3,\"absErrorMsMean\":0.2,\"absErrorMsP50\":0.1,\"absErrorMsP99\":0.9,\"absErrorMsMax\":3.2,"
                + "\"withinToleranceRatio\":0.998,\"future\":1}", StepStats.class);
        assertThat(stats).isEqualTo(new StepStats(1234, 30.1, 30.3, 0.2, 0.1, 0.9, 3.2, 0.998));
    }

    @Test
    void aggregateWeighsMeansByStepsAndKeepsTheWorstTail() {
        StepStatsReport report = StepStatsReport.of(List.of(
                new StepStatsReport.Engine("a", new StepStats(100, 10, 11, 1, 0.5, 2, 4, 1.0), null),
                new StepStatsReport.Engine("b", new StepStats(300, 30, 31, 3, 1.5, 5, 6, 0.8), null),
                new StepStatsReport.Engine("c", null, "HTTP 404")));
        StepStatsReport.Aggregate aggregate = report.aggregate();
        assertThat(aggregate.steps()).isEqualTo(400);
        assertThat(aggregate.modelledMsMean()).isCloseTo(25, within(1e-9));
        assertThat(aggregate.measuredMsMean()).isCloseTo(26, within(1e-9));
        assertThat(aggregate.absErrorMsMean()).isCloseTo(2.5, within(1e-9));
        assertThat(aggregate.worstAbsErrorMsP99()).isEqualTo(5);
        assertThat(aggregate.absErrorMsMax()).isEqualTo(6);
        assertThat(aggregate.withinToleranceRatio()).isCloseTo(0.85, within(1e-9));
        assertThat(report.engines()).hasSize(3);
    }
}
