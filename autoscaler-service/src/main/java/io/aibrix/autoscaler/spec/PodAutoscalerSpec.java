package io.aibrix.autoscaler.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a PodAutoscaler asks for. Null numbers take AIBrix's defaults: {@code minReplicas} 1, observe (stable) window
 * 180 s, panic window 60 s.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodAutoscalerSpec(
        ScaleTargetRef scaleTargetRef,
        SubTargetSelector subTargetSelector,
        Integer minReplicas,
        Integer maxReplicas,
        String scalingStrategy,
        List<MetricSource> metricsSources,
        Integer observeWindowSeconds,
        Integer panicWindowSeconds,
        List<Schedule> schedules) {

    public static final int DEFAULT_MIN_REPLICAS = 1;
    public static final int DEFAULT_OBSERVE_WINDOW_SECONDS = 180;
    public static final int DEFAULT_PANIC_WINDOW_SECONDS = 60;

    public PodAutoscalerSpec {
        metricsSources = metricsSources == null ? List.of() : List.copyOf(metricsSources);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    public int effectiveMinReplicas() {
        return minReplicas == null ? DEFAULT_MIN_REPLICAS : minReplicas;
    }

    public int effectiveObserveWindowSeconds() {
        return observeWindowSeconds == null ? DEFAULT_OBSERVE_WINDOW_SECONDS : observeWindowSeconds;
    }

    public int effectivePanicWindowSeconds() {
        return panicWindowSeconds == null ? DEFAULT_PANIC_WINDOW_SECONDS : panicWindowSeconds;
    }

    /** The role this autoscaler scales within its target, or null for the whole target. */
    public String roleName() {
        return subTargetSelector == null ? null : subTargetSelector.roleName();
    }
}
