package io.aibrix.lora.reconcile;

import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * One Kubernetes-style observation about an adapter, as metadata-service stores it.
 *
 * @param lastTransitionTime set by metadata-service; {@code null} in what the reconciler computes
 */
public record Condition(String type, String status, String reason, @Nullable String message,
        @Nullable Instant lastTransitionTime) {

    public static final String SCHEDULED = "Scheduled";

    public static final String READY = "Ready";

    /** metadata-service refuses longer messages (2048); a long engine list is cut well before. */
    static final int MAX_MESSAGE = 1024;

    static Condition of(String type, boolean status, String reason, @Nullable String message) {
        String shortened = message == null || message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE - 1) + "…";
        return new Condition(type, status ? "True" : "False", reason, shortened, null);
    }

    /** The condition without its transition time, which only metadata-service assigns. */
    Condition untimed() {
        return lastTransitionTime == null ? this : new Condition(type, status, reason, message, null);
    }
}
