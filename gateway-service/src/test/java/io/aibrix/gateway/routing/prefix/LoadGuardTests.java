package io.aibrix.gateway.routing.prefix;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

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
}
