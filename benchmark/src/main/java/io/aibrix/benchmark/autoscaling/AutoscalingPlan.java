package io.aibrix.benchmark.autoscaling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run needs.
 *
 * @param servicesDir   the suite's executable jars (metadata-service, gateway-service, autoscaler-service,
 *                      engine-simulator)
 * @param timeScale     the 20-minute trace is replayed this many times faster
 * @param seed          seeds the arrivals
 * @param sloSeconds    the TTFT SLO
 * @param staticEngines the static fleet, sized for the peak
 * @param maxEngines    the autoscaled fleet's maxReplicas
 * @param startupDelay  a new engine's cold start (it answers 503), in replay time
 * @param engineArgs    arguments of every engine (capacity: step-time profile, time scale, max running requests)
 * @param promptWords   words per prompt
 * @param outputTokens  tokens per completion
 * @param runningTarget KPA target of {@code vllm:num_requests_running} per engine
 * @param waitingTarget KPA target of {@code vllm:num_requests_waiting} per engine
 * @param stableWindow  KPA stable window, seconds of replay time
 * @param panicWindow   KPA panic window, seconds of replay time
 * @param cooldown      scale-down cooldown, seconds of replay time
 * @param scaleUpRate   {@code max-scale-up-rate}: one decision grows the fleet at most this many times
 * @param workDir       logs and the services' data
 */
record AutoscalingPlan(Path servicesDir, double timeScale, long seed, double sloSeconds, int staticEngines,
        int maxEngines, Duration startupDelay, List<String> engineArgs, int promptWords, int outputTokens,
        double runningTarget, double waitingTarget, int stableWindow, int panicWindow, int cooldown,
        double scaleUpRate, Path workDir) {

    static final String MODEL = "llama3-8b";

    AutoscalingPlan {
        engineArgs = List.copyOf(engineArgs);
    }

    /** The autoscaled fleet's PodAutoscaler: KPA on running and waiting requests, windows scaled with the trace. */
    String autoscaledSpec() {
        return pa("autoscaled", "KPA", 1, maxEngines);
    }

    /** The static fleet: the same object pinned to {@code staticEngines} (min = max), so nothing ever scales. */
    String staticSpec() {
        return pa("static", "APA", staticEngines, staticEngines);
    }

    private String pa(String name, String strategy, int min, int max) {
        return """
                {"apiVersion":"autoscaling.aibrix.ai/v1alpha1","kind":"PodAutoscaler",
                 "metadata":{"name":"%s","annotations":{"autoscaling.aibrix.ai/scale-down-cooldown-window":"%ds",
                   "autoscaling.aibrix.ai/max-scale-up-rate":"%s"}},
                 "spec":{"scaleTargetRef":{"kind":"EngineFleet","name":"%s"},"minReplicas":%d,"maxReplicas":%d,
                   "scalingStrategy":"%s","observeWindowSeconds":%d,"panicWindowSeconds":%d,
                   "metricsSources":[
                     {"metricSourceType":"pod","targetMetric":"vllm:num_requests_running","targetValue":"%s"},
                     {"metricSourceType":"pod","targetMetric":"vllm:num_requests_waiting","targetValue":"%s"}]}}
                """.formatted(name, cooldown, scaleUpRate, name, min, max, strategy, stableWindow, panicWindow,
                        runningTarget, waitingTarget);
    }
}
