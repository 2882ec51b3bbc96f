package io.aibrix.benchmark.routing;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.aibrix.benchmark.run.NanoClock;

/**
 * Runs a {@link RoutingPlan} run by run. A strategy the gateway rejects is recorded as unavailable once and skipped
 * for the rest of the plan, so the harness runs against any gateway build.
 */
final class RoutingBenchmark {

    private final RoutingPlan plan;
    private final RunExecutor executor;
    private final Consumer<String> log;

    /** {@code progressOut} null: no live progress line; {@code log} receives one line per run. */
    RoutingBenchmark(RoutingPlan plan, Clock clock, NanoClock nanoClock, PrintWriter progressOut,
            Consumer<String> log) {
        this.plan = plan;
        this.executor = new RunExecutor(plan, clock, nanoClock, progressOut);
        this.log = log;
    }

    RoutingResults run() {
        if (plan.jitWarmupSeconds() > 0) {
            log.accept(String.format(Locale.ROOT, "JIT warm-up: %.0f s of scenario A load, not recorded",
                    plan.jitWarmupSeconds()));
            executor.warmUpJit(plan.jitWarmupSeconds());
        }
        List<RunKey> runs = plan.runs();
        List<RunMeasurement> measured = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunKey key = runs.get(i);
            String prefix = String.format(Locale.ROOT, "[%d/%d] %s: ", i + 1, runs.size(), key);
            if (unavailable.containsKey(key.strategy())) {
                log.accept(prefix + "skipped, strategy unavailable");
                continue;
            }
            switch (executor.execute(key)) {
                case RunExecutor.Outcome.Measured(RunMeasurement run) -> {
                    measured.add(run);
                    log.accept(prefix + describe(run));
                }
                case RunExecutor.Outcome.Unavailable(String reason) -> {
                    unavailable.put(key.strategy(), reason);
                    log.accept(prefix + "skipped, " + reason);
                }
            }
        }
        return new RoutingResults(measured, unavailable);
    }

    static String describe(RunMeasurement run) {
        return String.format(Locale.ROOT, "%d requests, %d failed, %d 5xx; TTFT mean %s p99 %s; E2E mean %s; "
                        + "hit rate %s; preemptions %s; largest engine share %.0f %% (%.0f s)",
                run.requests(), run.failed(), run.serverErrors(), Formats.millis(run.ttftMean()),
                Formats.millis(run.ttftP99()), Formats.seconds(run.e2eMean()), Formats.ratio(run.hitRate()),
                run.preemptions() == null ? "-" : run.preemptions().toString(), run.maxEngineShare() * 100,
                run.wallSeconds());
    }
}
