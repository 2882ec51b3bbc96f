package io.aibrix.localsuite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link SuiteSettings}. */
class SuiteSettingsTests {

    @Test
    void refusesAGatewayPortInsideTheEnginePortRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 8000, 8002))
                .withMessage("--port 8002 is one of the engine ports 8000..8002");
    }

    @Test
    void refusesAFleetWithoutEngines() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 8000, 8888))
                .withMessage("--engines must be at least 1 but was 0");
    }

    @Test
    void refusesEnginePortsBeyondTheLastPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 65534, 8888))
                .withMessageContaining("leaves no room for 3 engines");
    }

    @Test
    void treatsABlankProfileAsTheSimulatorDefault() {
        SuiteSettings settings = new SuiteSettings(Path.of("suite"), "java", 1, 8000, "llama3-8b", " ", 8888,
                Duration.ofSeconds(1), List.of(), List.of());

        assertThat(settings.profile()).isNull();
    }

    private static SuiteSettings settings(int engines, int engineBasePort, int port) {
        return new SuiteSettings(Path.of("suite"), "java", engines, engineBasePort, "llama3-8b", null, port,
                Duration.ofSeconds(1), List.of(), List.of());
    }
}
