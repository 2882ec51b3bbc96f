package io.aibrix.metadata.adapters;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an adapter is in its lifecycle: Pending → Scheduled → Loading → Running, or Failed from any phase. The
 * backward moves are the reconciler's: a Running adapter whose engine restarted or went away is Loading or Scheduled
 * again, and a Failed one may be retried from Pending or Scheduled. Staying in the same phase is always allowed
 * (a status update that only changes instances or conditions).
 */
public enum AdapterPhase {

    PENDING("Pending"),
    SCHEDULED("Scheduled"),
    LOADING("Loading"),
    RUNNING("Running"),
    FAILED("Failed");

    /** The phases as the API spells them, for messages. */
    static final String NAMES = "Pending, Scheduled, Loading, Running, Failed";

    private final String label;

    AdapterPhase(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    static Optional<AdapterPhase> fromLabel(String label) {
        return Arrays.stream(values()).filter(phase -> phase.label.equals(label)).findFirst();
    }

    boolean canMoveTo(AdapterPhase next) {
        return next == this || successors().contains(next);
    }

    private Set<AdapterPhase> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(SCHEDULED, FAILED);
            case SCHEDULED -> EnumSet.of(LOADING, PENDING, FAILED);
            case LOADING -> EnumSet.of(RUNNING, SCHEDULED, FAILED);
            case RUNNING -> EnumSet.of(LOADING, SCHEDULED, PENDING, FAILED);
            case FAILED -> EnumSet.of(PENDING, SCHEDULED);
        };
    }
}
