package io.aibrix.benchmark.routing;

import static io.aibrix.benchmark.routing.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Tests for {@link StrategySummary}. */
class StrategySummaryTests {

    @Test
    void averagesEveryStatisticOverSeedsAndTotalsErrors() {
        StrategySummary summary = StrategySummary.of(List.of(
                run(Scenario.E, "vtc-basic", 1, 1, 0.10, 1.0, 0.4, 0.30, Runs.classes(1.0, 6.0), 1),
                run(Scenario.E, "vtc-basic", 2, 1, 0.20, 2.0, null, 0.40, Runs.classes(2.0, 8.0), 2)));

        assertThat(summary.seeds()).isEqualTo(2);
        assertThat(summary.ttftMean()).isCloseTo(0.15, within(1e-12));
        assertThat(summary.ttftP99()).isCloseTo(1.5, within(1e-12));
        assertThat(summary.hitRate()).as("a run without the figure does not count").isCloseTo(0.4, within(1e-12));
        assertThat(summary.maxEngineShare()).isCloseTo(0.35, within(1e-12));
        assertThat(summary.serverErrors()).isEqualTo(3);
        assertThat(summary.classes().get("light").e2eMeanSeconds()).isCloseTo(1.5, within(1e-12));
        assertThat(summary.classes().get("heavy").e2eMeanSeconds()).isCloseTo(7.0, within(1e-12));
    }

    @Test
    void resultsSummariseEachStrategyInTheOrderItFirstRan() {
        RoutingResults results = Runs.results(
                run(Scenario.A, "random", 1, 1, 0.3, 2, 0.4, 0.3),
                run(Scenario.A, "prefix-cache", 1, 1, 0.05, 0.1, 0.9, 0.3),
                run(Scenario.A, "random", 2, 1, 0.5, 2, 0.4, 0.3),
                run(Scenario.A, "prefix-cache", 1, 2, 0.06, 0.1, 0.85, 0.3));

        assertThat(results.summaries(Scenario.A, 1)).extracting(StrategySummary::strategy)
                .containsExactly("random", "prefix-cache");
        assertThat(results.summary(Scenario.A, "random", 1).orElseThrow().ttftMean()).isCloseTo(0.4, within(1e-12));
        assertThat(results.summaries(Scenario.A, 2)).extracting(StrategySummary::hitRate).containsExactly(0.85);
        assertThat(results.summary(Scenario.B, "random", 1)).isEmpty();
        assertThat(results.unavailable()).isEqualTo(Map.of());
    }

    @Test
    void needsAtLeastOneRun() {
        assertThatThrownBy(() -> StrategySummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
