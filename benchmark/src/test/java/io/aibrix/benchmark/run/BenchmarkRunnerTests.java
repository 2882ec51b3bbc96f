package io.aibrix.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.workload.GroupSampler;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.PoissonWorkload;
import io.aibrix.benchmark.workload.RandomStreams;
import io.aibrix.benchmark.workload.RequestMix;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.SharedPrefixWorkload;

/** Tests for {@link BenchmarkRunner}, with executors that stand in for the network. */
class BenchmarkRunnerTests {

    private final NanoClock clock = NanoClock.system();

    @Test
    void slowResponsesDoNotDelayOpenLoopArrivals() {
        RequestExecutor slow = dispatch -> {
            long sent = clock.nanoTime();
            sleepMillis(400);
            return ok(dispatch, "", sent);
        };
        RunResult run = runner(slow, 0).run(poisson(200), new RunLimits(null, 100L));

        assertThat(run.requests()).hasSize(100);
        assertThat(run.requests()).extracting(RequestResult::id).isSorted().doesNotHaveDuplicates();
        // 100 arrivals at 200/s take ~0.5 s although each response takes 0.4 s
        assertThat(run.requests()).allSatisfy(r -> assertThat(r.dispatchLagSeconds()).isLessThan(0.05));
        assertThat(run.elapsedSeconds()).isLessThan(2.0);
    }

    @Test
    void sendTimesFollowTheSchedule() {
        SharedPrefixWorkload workload = new SharedPrefixWorkload(50, GroupSampler.uniform(2), 4, 2, 1,
                new RandomStreams(3));
        RunResult run = runner(dispatch -> ok(dispatch, ""), 0).run(workload, new RunLimits(null, 20L));
        List<Double> planned = new ArrayList<>();
        workload.schedule(new RunLimits(null, 20L)).forEachRemaining(r -> planned.add(r.atSeconds()));
        assertThat(run.requests()).extracting(RequestResult::intendedSendSeconds)
                .zipSatisfy(planned, (actual, expected) -> assertThat(actual).isCloseTo(expected,
                        within(1e-6)));
    }

    @Test
    void maxConcurrencyCapsRequestsInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        RequestExecutor tracking = dispatch -> {
            long sent = clock.nanoTime();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleepMillis(30);
            inFlight.decrementAndGet();
            return ok(dispatch, "", sent);
        };
        RunResult run = runner(tracking, 3).run(poisson(500), new RunLimits(null, 40L));
        assertThat(run.requests()).hasSize(40).allMatch(RequestResult::succeeded);
        assertThat(peak.get()).isEqualTo(3);
        // queued behind the cap, later requests are sent late: the lag is visible, not hidden
        assertThat(run.requests().getLast().dispatchLagSeconds()).isGreaterThan(0.1);
    }

    @Test
    void executorExceptionsBecomeFailedRows() {
        RunResult run = runner(dispatch -> {
            throw new IllegalStateException("boom");
        }, 0).run(poisson(100), new RunLimits(null, 5L));
        assertThat(run.requests()).hasSize(5).allSatisfy(r -> assertThat(r.error()).contains("boom"));
    }

    @Test
    void multiTurnSendsEachTurnAfterTheReplyWithTheReplyInHistory() {
        Queue<Dispatch> seen = new ConcurrentLinkedQueue<>();
        RequestExecutor echo = dispatch -> {
            seen.add(dispatch);
            return ok(dispatch, " reply" + dispatch.id());
        };
        MultiTurnWorkload workload = new MultiTurnWorkload(20, 2, 5, 3, 4, 2, 0.01, new RandomStreams(1));
        RunResult run = runner(echo, 0).run(workload, new RunLimits(0.5, null));

        assertThat(run.requests()).isNotEmpty();
        for (Dispatch dispatch : seen) {
            int turn = dispatch.spec().tags().turn();
            assertThat(dispatch.id()).isEqualTo(dispatch.spec().tags().session() * 3L + turn);
            assertThat(dispatch.spec().messages()).hasSize(2 + 2 * turn);
            if (turn > 0) {
                assertThat(dispatch.spec().messages().get(2 * turn).content()).isEqualTo(" reply" + (dispatch.id()
                        - 1));
            }
        }
    }

    @Test
    void multiTurnSessionStopsAfterAFailedTurn() {
        RequestExecutor failing = dispatch -> new RequestOutcome(RequestResult.failed(dispatch, clock.nanoTime(),
                "pod", "HTTP 500: x"), "");
        MultiTurnWorkload workload = new MultiTurnWorkload(20, 1, 5, 4, 4, 2, 0, new RandomStreams(1));
        RunResult run = runner(failing, 0).run(workload, new RunLimits(0.3, null));
        assertThat(run.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.tags().turn()).isZero());
    }

    @Test
    void requestLimitStopsMultiTurnSessions() {
        MultiTurnWorkload workload = new MultiTurnWorkload(50, 1, 5, 4, 4, 2, 0, new RandomStreams(1));
        RunResult run = runner(dispatch -> ok(dispatch, "r"), 0).run(workload, new RunLimits(null, 10L));
        assertThat(run.requests()).hasSize(10);
    }

    private BenchmarkRunner runner(RequestExecutor executor, int maxConcurrency) {
        return new BenchmarkRunner(executor, clock, maxConcurrency, new RunProgress(0, 0));
    }

    private static PoissonWorkload poisson(double qps) {
        return new PoissonWorkload(qps, RequestMix.single(3, 2), new RandomStreams(1));
    }

    private RequestOutcome ok(Dispatch dispatch, String text) {
        return ok(dispatch, text, clock.nanoTime());
    }

    private RequestOutcome ok(Dispatch dispatch, String text, long sentNanos) {
        long now = clock.nanoTime();
        return new RequestOutcome(new RequestResult(dispatch.id(), dispatch.spec().tags(), "pod",
                dispatch.secondsSinceStart(dispatch.intendedNanos()), dispatch.secondsSinceStart(sentNanos),
                dispatch.secondsSinceStart(now), 0.001, 0.001, 0.002, List.of(0.001), 3, 2, 0, 200, null), text);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
