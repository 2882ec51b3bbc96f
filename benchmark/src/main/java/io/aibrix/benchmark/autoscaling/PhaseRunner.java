package io.aibrix.benchmark.autoscaling;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One fleet's run: fresh services, the fleet warm, the trace replayed, a sample of the fleet every second. */
final class PhaseRunner {

    private final AutoscalingPlan plan;
    private final HttpClient http;
    private final PrintStream out;

    PhaseRunner(AutoscalingPlan plan, HttpClient http, PrintStream out) {
        this.plan = plan;
        this.http = http;
        this.out = out;
    }

    PhaseResult run(String fleet, String spec, int warmEngines, List<Double> arrivals)
            throws IOException, InterruptedException {
        out.printf("%s: starting metadata-service, the gateway and autoscaler-service%n", fleet);
        try (Stack stack = Stack.start(plan, fleet, spec, http)) {
            stack.awaitReady(warmEngines, Duration.ofMinutes(5));
            out.printf("%s: %d engine(s) ready; replaying%n", fleet, warmEngines);
            LoadReplay replay = new LoadReplay(http, stack.gateway(), AutoscalingPlan.MODEL, plan.promptWords(),
                    plan.outputTokens());
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("fleet-sampler").factory());
            sampler.scheduleAtFixedRate(() -> {
                try {
                    int[] engines = stack.engines();
                    synchronized (samples) {
                        samples.add(new Sample((System.nanoTime() - start) / 1e9, engines[0], engines[1],
                                replay.inFlight()));
                    }
                }
                catch (IOException | RuntimeException ex) {
                    out.printf("%s: sampling the fleet failed: %s%n", fleet, ex);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 1, TimeUnit.SECONDS);
            List<RequestOutcome> outcomes;
            try {
                outcomes = replay.run(arrivals, start);
            }
            finally {
                sampler.shutdownNow();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            }
            List<Sample> taken;
            synchronized (samples) {
                taken = List.copyOf(samples);
            }
            PhaseResult result = new PhaseResult(fleet, outcomes, taken);
            out.printf("%s: %.1f %% within %.1f s, %d failed, %.0f engine-seconds, at most %d engines%n", fleet,
                    result.withinSlo(plan.sloSeconds()) * 100, plan.sloSeconds(), result.failed(),
                    result.engineSeconds(), result.maxEngines());
            return result;
        }
    }
}
