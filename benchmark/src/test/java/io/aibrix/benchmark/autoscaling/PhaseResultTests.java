package io.aibrix.benchmark.autoscaling;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PhaseResult} and the checks of {@link AutoscalingMarkdown}. */
class PhaseResultTests {

    private static final List<RequestOutcome> REQUESTS = List.of(new RequestOutcome(0, 0.5, null),
            new RequestOutcome(1, 1.9, null), new RequestOutcome(2, 2.5, null),
            new RequestOutcome(3, Double.NaN, "HTTP 503"));

    @Test
    void countsFailuresAsOutsideTheSlo() {
        PhaseResult phase = new PhaseResult("a", REQUESTS, List.of());

        assertThat(phase.withinSlo(2)).isEqualTo(0.5);
        assertThat(phase.failed()).isEqualTo(1);
        assertThat(phase.ttftQuantile(0.5)).isEqualTo(1.9);
        assertThat(phase.ttftQuantile(1)).isEqualTo(2.5);
    }

    @Test
    void integratesEnginesOverTime() {
        PhaseResult phase = new PhaseResult("a", REQUESTS, List.of(new Sample(0, 1, 1, 0), new Sample(1, 3, 1, 0),
                new Sample(3, 2, 2, 0), new Sample(4, 2, 2, 0)));

        assertThat(phase.engineSeconds()).isEqualTo(1 * 1 + 3 * 2 + 2 * 1);
        assertThat(phase.maxEngines()).isEqualTo(3);
    }

    @Test
    void theCostCheckComparesEngineSeconds() {
        List<Sample> four = List.of(new Sample(0, 4, 4, 0), new Sample(10, 4, 4, 0));
        List<Sample> two = List.of(new Sample(0, 2, 2, 0), new Sample(10, 2, 2, 0));
        List<Sample> three = List.of(new Sample(0, 3, 3, 0), new Sample(10, 3, 3, 0));

        assertThat(AutoscalingMarkdown.costMet(new PhaseResult("a", REQUESTS, two),
                new PhaseResult("s", REQUESTS, four))).isTrue();
        assertThat(AutoscalingMarkdown.costMet(new PhaseResult("a", REQUESTS, three),
                new PhaseResult("s", REQUESTS, four))).isFalse();
    }
}
