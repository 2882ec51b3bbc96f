package io.aibrix.lora.reconcile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An adapter's lifecycle phase as metadata-service spells it, with the moves it accepts. The service refuses a
 * jump such as Pending → Running, so a status change is written along {@link #pathTo}.
 */
public enum Phase {

    PENDING("Pending"),
    SCHEDULED("Scheduled"),
    LOADING("Loading"),
    RUNNING("Running"),
    FAILED("Failed");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The moves metadata-service allows (its {@code AdapterPhase}); staying put is always allowed. */
    Set<Phase> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(SCHEDULED, FAILED);
            case SCHEDULED -> EnumSet.of(LOADING, PENDING, FAILED);
            case LOADING -> EnumSet.of(RUNNING, SCHEDULED, FAILED);
            case RUNNING -> EnumSet.of(LOADING, SCHEDULED, PENDING, FAILED);
            case FAILED -> EnumSet.of(PENDING, SCHEDULED);
        };
    }

    /**
     * The shortest chain of allowed moves from this phase to {@code target}, excluding this phase and ending with
     * {@code target}; empty when they are equal. Ties go to the earlier phase in lifecycle order, so Pending →
     * Running passes Scheduled and Loading.
     */
    public List<Phase> pathTo(Phase target) {
        if (target == this) {
            return List.of();
        }
        Map<Phase, Phase> previous = new EnumMap<>(Phase.class);
        Deque<Phase> queue = new ArrayDeque<>(List.of(this));
        previous.put(this, this);
        while (!queue.isEmpty()) {
            Phase phase = queue.removeFirst();
            for (Phase next : phase.successors()) {
                if (previous.putIfAbsent(next, phase) == null) {
                    queue.addLast(next);
                }
            }
        }
        List<Phase> path = new ArrayList<>();
        for (Phase step = target; step != this; step = previous.get(step)) {
            path.add(step);
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }
}
