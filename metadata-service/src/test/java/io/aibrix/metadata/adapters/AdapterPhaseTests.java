package io.aibrix.metadata.adapters;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link AdapterPhase}. */
class AdapterPhaseTests {

    @ParameterizedTest
    @CsvSource({
            "Pending, Scheduled, true", "Pending, Failed, true", "Pending, Loading, false", "Pending, Running, false",
            "Scheduled, Loading, true", "Scheduled, Pending, true", "Scheduled, Running, false",
            "Loading, Running, true", "Loading, Scheduled, true", "Loading, Pending, false",
            "Running, Loading, true", "Running, Scheduled, true", "Running, Pending, true", "Running, Failed, true",
            "Failed, Pending, true", "Failed, Scheduled, true", "Failed, Loading, false", "Failed, Running, false",
            "Running, Running, true", "Failed, Failed, true",
    })
    void allowsOnlyTheLifecycleMoves(String from, String to, boolean allowed) {
        assertThat(AdapterPhase.fromLabel(from).orElseThrow().canMoveTo(AdapterPhase.fromLabel(to).orElseThrow()))
                .isEqualTo(allowed);
    }
}
