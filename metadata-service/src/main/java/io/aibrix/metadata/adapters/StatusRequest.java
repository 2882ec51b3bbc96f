package io.aibrix.metadata.adapters;

import java.util.List;

import io.aibrix.metadata.validation.ResourceName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/**
 * Body of {@code PUT} and {@code PATCH /admin/v1/adapters/{name}/status}. A PUT replaces the status (omitted lists
 * become empty, an omitted {@code lastError} clears it); a PATCH changes only the fields it carries.
 *
 * @param phase              the new phase; required by PUT
 * @param instances          engine names the adapter is loaded and serving on
 * @param conditions         observations with reasons; a condition without {@code lastTransitionTime} keeps its
 *                           previous time when its status did not change, and gets the current time otherwise
 * @param lastError          the last error; PATCH with an empty string clears it
 * @param observedGeneration the adapter generation this status describes; at most the current generation
 */
record StatusRequest(
        @Nullable @Pattern(regexp = PHASES, message = "must be one of " + AdapterPhase.NAMES) String phase,
        @Nullable @Size(max = 1024) List<@NotNull @ResourceName String> instances,
        @Nullable @Size(max = 32) List<@NotNull @Valid Condition> conditions,
        @Nullable @Size(max = 8192) String lastError,
        @Nullable @PositiveOrZero Long observedGeneration) {

    static final String PHASES = "Pending|Scheduled|Loading|Running|Failed";
}
