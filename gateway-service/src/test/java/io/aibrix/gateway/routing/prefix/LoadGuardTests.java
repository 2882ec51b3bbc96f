package io.aibrix.gateway.routing.prefix;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link LoadGuard}. */
class LoadGuardTests {

    private final LoadGuard guard = new LoadGuard(8, 1.0);

    @Test
    void overloadsAPodFarAboveTheMinimumAndTheSpread() {
        assertThat(guard.overloaded(List.of(pod("a", 20), pod("b", 20), pod("c", 20), pod("d", 29))))
                .containsExactly(false, false, false, true);
    }

    @Test
    void keepsPodsWithinTheImbalanceThresholdOfTheMinimum() {
        assertThat(guard.overloaded(List.of(pod("a", 0), pod("b", 0), pod("c", 0), pod("d", 8))))
                .containsExactly(false, false, false, false);
    }

    @Test
    void keepsPodsWithinMeanPlusKStddevEvenWhenFarAboveTheMinimum() {
        // mean 26.75, stddev 3.9: the three busy pods are the norm, not outliers.
        assertThat(guard.overloaded(List.of(pod("a", 20), pod("b", 29), pod("c", 29), pod("d", 29))))
                .containsExactly(false, false, false, false);
    }

    @Test
    void neverOverloadsEqualOrSinglePods() {
        assertThat(guard.overloaded(List.of(pod("a", 50), pod("b", 50)))).containsExactly(false, false);
        assertThat(guard.overloaded(List.of(pod("a", 500)))).containsExactly(false);
    }

    @Test
    void zeroThresholdAndFactorOverloadEveryPodAboveTheMinimumAndMean() {
        assertThat(new LoadGuard(0, 0).overloaded(List.of(pod("a", 1), pod("b", 2), pod("c", 3))))
                .containsExactly(false, false, true);
    }

    @Test
    void overloadsAPodWhoseKvCacheIsAboveTheCeilingWhileAnotherHasRoom() {
        LoadGuard kvGuard = new LoadGuard(8, 1.0, 0.9);
        assertThat(kvGuard.overloaded(List.of(pod("a", 3, 0.95), pod("b", 5, 0.6), pod("c", 4, 0.91))))
                .containsExactly(true, false, true);
    }

    @Test
    void keepsFullPodsWhenNoPodHasRoom() {
        LoadGuard kvGuard = new LoadGuard(8, 1.0, 0.9);
        assertThat(kvGuard.overloaded(List.of(pod("a", 3, 0.95), pod("b", 5, 0.97))))
                .containsExactly(false, false);
    }

    @Test
    void roomOnACountOverloadedPodDoesNotExcludeTheFullOnes() {
        // d has room but is out by count; the least-loaded pods are all full, so the KV rule must not apply.
        LoadGuard kvGuard = new LoadGuard(8, 1.0, 0.9);
        assertThat(kvGuard.overloaded(List.of(pod("a", 20, 0.95), pod("b", 20, 0.96), pod("c", 20, 0.92),
                pod("d", 29, 0.5)))).containsExactly(false, false, false, true);
    }

    @Test
    void doesNotJudgeAnEngineWhoseUsageIsUnknown() {
        LoadGuard kvGuard = new LoadGuard(8, 1.0, 0.9);
        assertThat(kvGuard.overloaded(List.of(pod("a", 3), pod("b", 5, 0.95), pod("c", 5, 0.5))))
                .containsExactly(false, true, false);
        assertThat(kvGuard.overloaded(List.of(pod("a", 3), pod("b", 5, 0.95)))).containsExactly(false, false);
    }

    @Test
    void aCeilingOfOneTurnsTheKvRuleOff() {
        assertThat(guard.overloaded(List.of(pod("a", 3, 1.0), pod("b", 5, 0.1)))).containsExactly(false, false);
    }

    @Test
    void rejectsACeilingOutsideZeroToOne() {
        assertThatThrownBy(() -> new LoadGuard(8, 1.0, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }
}
