package io.aibrix.autoscaler.spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the autoscaler last observed and did. {@code scalingHistory} keeps the last {@value #HISTORY_LIMIT} scaling
 * decisions, newest last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodAutoscalerStatus(Integer desiredScale, Integer actualScale, Instant lastScaleTime,
        List<Condition> conditions, List<ScalingEvent> scalingHistory, ScheduledBounds scheduledBounds) {

    public static final int HISTORY_LIMIT = 5;

    public PodAutoscalerStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        scalingHistory = scalingHistory == null ? List.of() : List.copyOf(scalingHistory);
    }

    public static PodAutoscalerStatus empty() {
        return new PodAutoscalerStatus(null, null, null, List.of(), List.of(), null);
    }

    /** The condition of that type, or null. */
    public Condition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    /**
     * Sets a condition, keeping its transition time when the status does not change (Kubernetes' convention).
     */
    public PodAutoscalerStatus withCondition(Condition condition) {
        List<Condition> updated = new ArrayList<>();
        boolean replaced = false;
        for (Condition existing : conditions) {
            if (existing.type().equals(condition.type())) {
                updated.add(existing.status().equals(condition.status())
                        ? condition.withTransitionTime(existing.lastTransitionTime()) : condition);
                replaced = true;
            }
            else {
                updated.add(existing);
            }
        }
        if (!replaced) {
            updated.add(condition);
        }
        return new PodAutoscalerStatus(desiredScale, actualScale, lastScaleTime, updated, scalingHistory,
                scheduledBounds);
    }

    public PodAutoscalerStatus withScales(Integer desired, Integer actual) {
        return new PodAutoscalerStatus(desired, actual, lastScaleTime, conditions, scalingHistory, scheduledBounds);
    }

    public PodAutoscalerStatus withScheduledBounds(ScheduledBounds bounds) {
        return new PodAutoscalerStatus(desiredScale, actualScale, lastScaleTime, conditions, scalingHistory, bounds);
    }

    /** Appends a scaling decision, dropping the oldest beyond {@value #HISTORY_LIMIT}. */
    public PodAutoscalerStatus withScalingEvent(ScalingEvent event) {
        List<ScalingEvent> history = new ArrayList<>(scalingHistory);
        history.add(event);
        while (history.size() > HISTORY_LIMIT) {
            history.removeFirst();
        }
        Instant scaled = event.success() ? event.timestamp() : lastScaleTime;
        return new PodAutoscalerStatus(desiredScale, actualScale, scaled, conditions, history, scheduledBounds);
    }
}
