package io.aibrix.metadata.adapters;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.InvalidFieldException;

import org.springframework.lang.Nullable;

/**
 * Computes an adapter's next status from a status request: checks the phase transition ({@link AdapterPhase}),
 * de-duplicates instances, and keeps a condition's transition time while its status stays the same.
 */
final class StatusTransitions {

    private StatusTransitions() {
    }

    /**
     * @param replace    {@code true} for PUT (the request is the whole status), {@code false} for PATCH
     * @param generation the adapter's current generation
     * @throws ConflictException     for an illegal phase transition, naming both phases
     * @throws InvalidFieldException for a missing phase on PUT or an observed generation from the future
     */
    static AdapterStatus next(String adapter, AdapterStatus current, StatusRequest request, boolean replace,
            long generation, Instant now) {
        if (replace && request.phase() == null) {
            throw InvalidFieldException.of("phase", null, "must not be null");
        }
        AdapterPhase phase = request.phase() == null ? current.phase()
                : AdapterPhase.fromLabel(request.phase()).orElseThrow();
        if (!current.phase().canMoveTo(phase)) {
            throw ConflictException.because("LoRA adapter '" + adapter + "' cannot move from phase "
                    + current.phase().label() + " to " + phase.label(),
                    Map.of("name", adapter, "from", current.phase().label(), "to", phase.label()));
        }
        long observed = request.observedGeneration() == null ? current.observedGeneration()
                : request.observedGeneration();
        if (observed > generation) {
            throw InvalidFieldException.of("observedGeneration", observed,
                    "must not exceed the adapter's generation " + generation);
        }
        List<String> instances = request.instances() == null ? (replace ? List.of() : current.instances())
                : List.copyOf(new LinkedHashSet<>(request.instances()));
        List<Condition> conditions = request.conditions() == null ? (replace ? List.of() : current.conditions())
                : request.conditions().stream().map(c -> stamped(c, current.conditions(), now)).toList();
        String lastError = lastError(current, request, replace);
        return new AdapterStatus(phase, instances, conditions, lastError, observed, now);
    }

    @Nullable
    private static String lastError(AdapterStatus current, StatusRequest request, boolean replace) {
        if (request.lastError() == null) {
            return replace ? null : current.lastError();
        }
        return request.lastError().isEmpty() ? null : request.lastError();
    }

    private static Condition stamped(Condition condition, List<Condition> previous, Instant now) {
        if (condition.lastTransitionTime() != null) {
            return condition;
        }
        Instant since = previous.stream()
                .filter(old -> old.type().equals(condition.type()) && old.status().equals(condition.status()))
                .map(Condition::lastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(now);
        return condition.withLastTransitionTime(since);
    }
}
