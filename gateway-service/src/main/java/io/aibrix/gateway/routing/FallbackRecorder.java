package io.aibrix.gateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Told whenever a strategy cannot decide on its own signal and falls back to another rule. */
@FunctionalInterface
interface FallbackRecorder {

    /** No candidate had the metrics the strategy scores by; it used the gateway's in-flight counts instead. */
    String METRICS_UNKNOWN = "metrics_unknown";

    FallbackRecorder NONE = (strategy, reason) -> {
    };

    void record(String strategy, String reason);

    /** Counts fallbacks in {@code gateway.routing.fallbacks{strategy, reason}}. */
    static FallbackRecorder counting(MeterRegistry meters) {
        return (strategy, reason) -> Counter.builder("gateway.routing.fallbacks")
                .description("Routing decisions made by a fallback rule because the strategy's own signal was missing")
                .tag("strategy", strategy)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
