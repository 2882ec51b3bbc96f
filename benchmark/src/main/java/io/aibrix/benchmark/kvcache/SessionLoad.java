package io.aibrix.benchmark.kvcache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.aibrix.benchmark.run.Dispatch;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.RequestExecutor;
import io.aibrix.benchmark.run.RequestOutcome;
import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.workload.Conversation;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.SessionStart;

/**
 * Runs exactly {@code sessions} whole conversations of a multi-turn workload: session arrivals are the workload's
 * Poisson process, every session runs all its turns (a time limit would cut the last sessions short, and those carry
 * the longest prompts). A failed turn ends its session.
 */
final class SessionLoad {

    private final RequestExecutor executor;
    private final NanoClock clock;

    SessionLoad(RequestExecutor executor, NanoClock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    List<RequestResult> run(MultiTurnWorkload workload, int sessions) throws InterruptedException {
        long start = clock.nanoTime();
        Queue<RequestResult> results = new ConcurrentLinkedQueue<>();
        Iterator<SessionStart> arrivals = workload.sessions(RunLimits.unlimited());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sessions; i++) {
                SessionStart session = arrivals.next();
                long arrival = start + (long) (session.atSeconds() * 1e9);
                clock.sleepUntil(arrival);
                threads.execute(() -> runSession(workload, session.session(), arrival, start, results));
            }
        }
        List<RequestResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingLong(RequestResult::id));
        return ordered;
    }

    private void runSession(MultiTurnWorkload workload, int session, long arrival, long start,
            Queue<RequestResult> results) {
        Conversation conversation = workload.open(session);
        long due = arrival;
        try {
            while (conversation.hasNextTurn()) {
                if (conversation.turn() > 0) {
                    due = clock.nanoTime() + (long) (conversation.thinkSecondsBeforeNextTurn() * 1e9);
                    clock.sleepUntil(due);
                }
                long id = (long) session * workload.turns() + conversation.turn();
                RequestOutcome outcome = executor.execute(new Dispatch(id, conversation.nextTurn(), start, due));
                results.add(outcome.result());
                if (!outcome.result().succeeded()) {
                    return;
                }
                conversation.reply(outcome.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
