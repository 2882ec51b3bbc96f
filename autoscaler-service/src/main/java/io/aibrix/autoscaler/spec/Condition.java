package io.aibrix.autoscaler.spec;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Kubernetes-style condition. Types: {@value #READY}, {@value #VALID_SPEC}, {@value #CONFLICT},
 * {@value #SCALING_ACTIVE}, {@value #ABLE_TO_SCALE}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {

    public static final String READY = "Ready";
    public static final String VALID_SPEC = "ValidSpec";
    public static final String CONFLICT = "MultiPodAutoscalerConflict";
    public static final String SCALING_ACTIVE = "ScalingActive";
    public static final String ABLE_TO_SCALE = "AbleToScale";

    public static Condition of(String type, boolean status, String reason, String message, Instant now) {
        return new Condition(type, status ? "True" : "False", reason, message, now);
    }

    @JsonIgnore
    public boolean isTrue() {
        return "True".equals(status);
    }

    Condition withTransitionTime(Instant time) {
        return new Condition(type, status, reason, message, time);
    }
}
