package io.aibrix.lora.reconcile;

import java.util.List;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * An adapter's status, as read from and written to metadata-service's status sub-resource.
 *
 * @param instances names of the engines the adapter is loaded and serving on, sorted
 */
public record AdapterStatus(Phase phase, List<String> instances, List<Condition> conditions,
        @Nullable String lastError, long observedGeneration) {

    public static final AdapterStatus INITIAL = new AdapterStatus(Phase.PENDING, List.of(), List.of(), null, 0);

    public AdapterStatus {
        phase = phase == null ? Phase.PENDING : phase;
        instances = instances == null ? List.of() : List.copyOf(instances);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** Equal to {@code other} in everything the reconciler decides (transition times are the service's). */
    boolean sameAs(AdapterStatus other) {
        return phase == other.phase && instances.equals(other.instances)
                && untimed(conditions).equals(untimed(other.conditions))
                && Objects.equals(lastError, other.lastError)
                && observedGeneration == other.observedGeneration;
    }

    private static List<Condition> untimed(List<Condition> conditions) {
        return conditions.stream().map(Condition::untimed).toList();
    }
}
