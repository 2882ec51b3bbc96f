package io.aibrix.metadata.adapters;

import java.time.Instant;
import java.util.List;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link StatusTransitions}. */
class StatusTransitionsTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static final Instant T1 = Instant.parse("2025-06-01T00:01:00Z");

    private final AdapterStatus loading = new AdapterStatus(AdapterPhase.LOADING, List.of("e0"),
            List.of(new Condition("Scheduled", "True", "CandidatesSelected", null, T0)), "boom", 1, T0);

    @Test
    void patchKeepsWhatItDoesNotCarry() {
        AdapterStatus next = StatusTransitions.next("a", loading, new StatusRequest("Running", null, null, null, null),
                false, 1, T1);

        assertThat(next).isEqualTo(new AdapterStatus(AdapterPhase.RUNNING, List.of("e0"), loading.conditions(), "boom",
                1, T1));
    }

    @Test
    void putReplacesEverythingAndDeduplicatesInstances() {
        AdapterStatus next = StatusTransitions.next("a", loading,
                new StatusRequest("Running", List.of("e1", "e0", "e1"), null, null, 1L), true, 1, T1);

        assertThat(next.instances()).containsExactly("e1", "e0");
        assertThat(next.conditions()).isEmpty();
        assertThat(next.lastError()).isNull();
    }

    @Test
    void keepsAConditionsTransitionTimeWhileItsStatusStaysTheSame() {
        StatusRequest request = new StatusRequest(null, null, List.of(
                new Condition("Scheduled", "True", "CandidatesSelected", null, null),
                new Condition("Ready", "False", "PodNotReady", null, null)), null, null);

        AdapterStatus next = StatusTransitions.next("a", loading, request, false, 1, T1);

        assertThat(next.conditions()).extracting(Condition::lastTransitionTime).containsExactly(T0, T1);
    }

    @Test
    void refusesIllegalMovesMissingPhasesAndFutureGenerations() {
        assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> StatusTransitions.next("a", loading,
                new StatusRequest("Pending", null, null, null, null), false, 1, T1))
                .withMessage("LoRA adapter 'a' cannot move from phase Loading to Pending");
        assertThatExceptionOfType(InvalidFieldException.class).isThrownBy(() -> StatusTransitions.next("a", loading,
                new StatusRequest(null, null, null, null, null), true, 1, T1));
        assertThatExceptionOfType(InvalidFieldException.class).isThrownBy(() -> StatusTransitions.next("a", loading,
                new StatusRequest(null, null, null, null, 2L), false, 1, T1))
                .withMessageContaining("must not exceed the adapter's generation 1");
    }
}
