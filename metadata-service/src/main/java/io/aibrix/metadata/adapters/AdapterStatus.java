package io.aibrix.metadata.adapters;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * What lora-manager last observed about an adapter.
 *
 * @param phase              lifecycle phase ({@link AdapterPhase})
 * @param instances          names of the engines the adapter is loaded and serving on
 * @param conditions         observations with reasons
 * @param lastError          the last load or unload error, if any
 * @param observedGeneration the adapter generation this status describes
 * @param updatedAt          when the status last changed
 */
public record AdapterStatus(
        AdapterPhase phase,
        List<String> instances,
        List<Condition> conditions,
        @Nullable String lastError,
        long observedGeneration,
        Instant updatedAt) {
}
