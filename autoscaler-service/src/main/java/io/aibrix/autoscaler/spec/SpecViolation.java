package io.aibrix.autoscaler.spec;

import java.util.List;

/**
 * A PodAutoscaler that cannot be acted on, with the condition reason AIBrix uses for it and one message per problem.
 */
public final class SpecViolation extends RuntimeException {

    public static final String INVALID_SCALING_STRATEGY = "InvalidScalingStrategy";
    public static final String INVALID_BOUNDS = "InvalidBounds";
    public static final String MISSING_SCALE_TARGET_REF = "MissingScaleTargetRef";
    public static final String METRICS_CONFIG_ERROR = "MetricsConfigError";
    public static final String INVALID_SPEC = "InvalidSpec";

    private final String reason;
    private final List<String> messages;

    public SpecViolation(String reason, List<String> messages) {
        super(String.join(" ", messages));
        this.reason = reason;
        this.messages = List.copyOf(messages);
    }

    public String reason() {
        return reason;
    }

    public List<String> messages() {
        return messages;
    }
}
