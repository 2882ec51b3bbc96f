package io.aibrix.batch.batches;

import java.util.Locale;

/** OpenAI's batch statuses, as stored and shown. */
public enum BatchStatus {

    VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED, CANCELLING, CANCELLED;

    /** The wire and column value, e.g. {@code in_progress}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** No transition leaves a finished batch. */
    public boolean finished() {
        return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
