package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.server.ServerDelta;
import io.aibrix.benchmark.workload.RequestTags;

/** Tests for {@link RunMeasurement}. */
class RunMeasurementTests {

    private static final List<String> ENGINES = List.of("127.0.0.1:9000", "127.0.0.1:9001");
    private static final RunKey KEY = new RunKey(Scenario.E, "vtc-basic", 1, 1);

    @Test
    void latenciesCoverSuccessfulRequestsAfterTheWarmup() {
        List<RequestResult> results = List.of(
                ok(0, 1.0, 9.0, "127.0.0.1:9000", "light"),
                ok(1, 11.0, 0.1, "127.0.0.1:9000", "light"),
                ok(2, 12.0, 0.3, "127.0.0.1:9001", "heavy"),
                failed(3, 13.0, 503));

        RunMeasurement run = RunMeasurement.of(KEY, results, 10, ENGINES, null, Path.of("r"), 30);

        assertThat(run.requests()).isEqualTo(3);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.ttftMean()).isCloseTo(0.2, within(1e-12));
        assertThat(run.e2eMean()).isCloseTo(2.0, within(1e-12));
        assertThat(run.ttftSeconds()).containsExactly(0.1, 0.3);
        assertThat(run.hitRate()).isNull();
        assertThat(run.preemptions()).isNull();
    }

    @Test
    void serverErrorsCountEveryFiveHundredOfTheRunWarmupIncluded() {
        List<RequestResult> results = List.of(failed(0, 1.0, 502), failed(1, 12.0, 503), failed(2, 13.0, 429),
                ok(3, 14.0, 0.1, "127.0.0.1:9000", null));

        assertThat(RunMeasurement.of(KEY, results, 10, ENGINES, null, Path.of("r"), 30).serverErrors())
                .isEqualTo(2);
    }

    @Test
    void engineSharesFollowTheTargetPodAndIgnoreAnswersFromNoEngine() {
        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(ok(i, 20 + i, 0.1, "127.0.0.1:9000", null));
        }
        results.add(ok(6, 30, 0.1, "127.0.0.1:9001", null));
        results.add(failed(7, 31, 503));

        RunMeasurement run = RunMeasurement.of(KEY, results, 10, ENGINES, null, Path.of("r"), 30);

        assertThat(run.engineShares()).containsEntry("127.0.0.1:9000", 0.75).containsEntry("127.0.0.1:9001", 0.125);
        assertThat(run.maxEngineShare()).isEqualTo(0.75);
    }

    @Test
    void userClassesGetTheirOwnMeanLatencies() {
        List<RequestResult> results = List.of(
                ok(0, 11, 0.1, "127.0.0.1:9000", "light"),
                ok(1, 12, 0.3, "127.0.0.1:9000", "light"),
                ok(2, 13, 0.9, "127.0.0.1:9001", "heavy"));

        RunMeasurement run = RunMeasurement.of(KEY, results, 10, ENGINES, null, Path.of("r"), 30);

        assertThat(run.classes()).containsOnlyKeys("light", "heavy");
        assertThat(run.classes().get("light").requests()).isEqualTo(2);
        assertThat(run.classes().get("light").ttftMeanSeconds()).isCloseTo(0.2, within(1e-12));
        assertThat(run.classes().get("heavy").e2eMeanSeconds()).isCloseTo(9.0, within(1e-12));
    }

    @Test
    void hitRateAndPreemptionsComeFromTheEnginesWindowDelta() {
        ServerDelta window = new ServerDelta("cluster", 10L, 0.2, 3.0, 0.875, 40_000.0, 4L, null);

        RunMeasurement run = RunMeasurement.of(KEY, List.of(ok(0, 11, 0.1, "127.0.0.1:9000", null)), 10, ENGINES,
                window, Path.of("r"), 30);

        assertThat(run.hitRate()).isEqualTo(0.875);
        assertThat(run.preemptions()).isEqualTo(4L);
    }

    /** E2E is ten times TTFT. */
    private static RequestResult ok(long id, double sentAt, double ttft, String pod, String userClass) {
        return new RequestResult(id, new RequestTags(null, null, null, userClass), pod, sentAt, sentAt,
                sentAt + 10 * ttft, ttft, 0.03, 10 * ttft, List.of(), 100, 10, 0, 200, null);
    }

    private static RequestResult failed(long id, double sentAt, int status) {
        return new RequestResult(id, RequestTags.NONE, "127.0.0.1:8888", sentAt, sentAt, sentAt, null, null, null,
                List.of(), 0, 0, 0, status, "HTTP " + status);
    }
}
