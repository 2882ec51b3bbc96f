package io.aibrix.benchmark.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.aibrix.benchmark.workload.Conversation;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.OpenLoopWorkload;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.ScheduledRequest;
import io.aibrix.benchmark.workload.SessionStart;
import io.aibrix.benchmark.workload.Workload;

/**
 * Drives a workload against a {@link RequestExecutor}, one virtual thread per request (open loop) or per session
 * (multi-turn). Open-loop send times are absolute offsets from the run start, so slow responses never delay later
 * arrivals; only the concurrency cap can, and that delay shows up as dispatch lag.
 */
public final class BenchmarkRunner {

    private final RequestExecutor executor;
    private final NanoClock clock;
    private final Semaphore permits;
    private final RunProgress progress;

    /** {@code maxConcurrency} ≤ 0 means unlimited. */
    public BenchmarkRunner(RequestExecutor executor, NanoClock clock, int maxConcurrency, RunProgress progress) {
        this.executor = executor;
        this.clock = clock;
        this.permits = maxConcurrency > 0 ? new Semaphore(maxConcurrency, true) : null;
        this.progress = progress;
    }

    public RunResult run(Workload workload, RunLimits limits) {
        long start = clock.nanoTime();
        progress.start(start);
        Queue<RequestResult> results = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            switch (workload) {
                case OpenLoopWorkload open -> dispatchOpenLoop(open, limits, start, threads, results);
                case MultiTurnWorkload multiTurn -> dispatchSessions(multiTurn, limits, start, threads, results);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        List<RequestResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingLong(RequestResult::id));
        return new RunResult(ordered, (clock.nanoTime() - start) / 1e9);
    }

    private void dispatchOpenLoop(OpenLoopWorkload workload, RunLimits limits, long start, ExecutorService threads,
            Queue<RequestResult> results) throws InterruptedException {
        Iterator<ScheduledRequest> schedule = workload.schedule(limits);
        while (schedule.hasNext()) {
            ScheduledRequest request = schedule.next();
            long intended = start + nanos(request.atSeconds());
            clock.sleepUntil(intended);
            Dispatch dispatch = new Dispatch(request.id(), request.spec(), start, intended);
            threads.execute(() -> results.add(send(dispatch).result()));
        }
    }

    private void dispatchSessions(MultiTurnWorkload workload, RunLimits limits, long start, ExecutorService threads,
            Queue<RequestResult> results) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        Iterator<SessionStart> sessions = workload.sessions(limits);
        while (sessions.hasNext() && limits.admitsCount(issued.get())) {
            SessionStart session = sessions.next();
            long arrival = start + nanos(session.atSeconds());
            clock.sleepUntil(arrival);
            threads.execute(() -> runSession(workload, session.session(), arrival, limits, start, issued, results));
        }
    }

    private void runSession(MultiTurnWorkload workload, int session, long arrival, RunLimits limits, long start,
            AtomicLong issued, Queue<RequestResult> results) {
        Conversation conversation = workload.open(session);
        long due = arrival;
        try {
            while (conversation.hasNextTurn()) {
                if (conversation.turn() > 0) {
                    due = clock.nanoTime() + nanos(conversation.thinkSecondsBeforeNextTurn());
                }
                long index = issued.getAndIncrement();
                if (!limits.admits(index, (due - start) / 1e9)) {
                    return;
                }
                long id = (long) session * workload.turns() + conversation.turn();
                Dispatch dispatch = new Dispatch(id, conversation.nextTurn(), start, due);
                clock.sleepUntil(due);
                RequestOutcome outcome = send(dispatch);
                results.add(outcome.result());
                if (!outcome.result().succeeded()) {
                    return;
                }
                conversation.reply(outcome.text());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private RequestOutcome send(Dispatch dispatch) {
        try {
            if (permits != null) {
                permits.acquire();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            progress.sent();
            return finish(new RequestOutcome(
                    RequestResult.failed(dispatch, clock.nanoTime(), null, "interrupted before sending"), ""));
        }
        progress.sent();
        try {
            return finish(executor.execute(dispatch));
        }
        catch (RuntimeException ex) {
            return finish(new RequestOutcome(RequestResult.failed(dispatch, clock.nanoTime(), null,
                    "client error: " + ex), ""));
        }
        finally {
            if (permits != null) {
                permits.release();
            }
        }
    }

    private RequestOutcome finish(RequestOutcome outcome) {
        progress.finished(outcome.result().succeeded());
        return outcome;
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
