package io.aibrix.lora.reconcile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Phase}. */
class PhaseTests {

    @Test
    void walksThroughTheLifecycleToRunning() {
        assertThat(Phase.PENDING.pathTo(Phase.RUNNING)).containsExactly(Phase.SCHEDULED, Phase.LOADING,
                Phase.RUNNING);
        assertThat(Phase.FAILED.pathTo(Phase.RUNNING)).containsExactly(Phase.SCHEDULED, Phase.LOADING,
                Phase.RUNNING);
        assertThat(Phase.FAILED.pathTo(Phase.LOADING)).containsExactly(Phase.SCHEDULED, Phase.LOADING);
    }

    @Test
    void takesDirectMovesWhenAllowed() {
        assertThat(Phase.RUNNING.pathTo(Phase.LOADING)).containsExactly(Phase.LOADING);
        assertThat(Phase.LOADING.pathTo(Phase.FAILED)).containsExactly(Phase.FAILED);
        assertThat(Phase.RUNNING.pathTo(Phase.PENDING)).containsExactly(Phase.PENDING);
        assertThat(Phase.LOADING.pathTo(Phase.RUNNING)).containsExactly(Phase.RUNNING);
    }

    @Test
    void staysPutWithoutMoves() {
        for (Phase phase : Phase.values()) {
            assertThat(phase.pathTo(phase)).isEmpty();
        }
    }

    @Test
    void everyPathUsesOnlyAllowedMoves() {
        for (Phase from : Phase.values()) {
            for (Phase to : Phase.values()) {
                Phase at = from;
                for (Phase step : from.pathTo(to)) {
                    assertThat(at.successors()).contains(step);
                    at = step;
                }
                assertThat(at).isEqualTo(to);
            }
        }
    }
}
