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
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 8000, 8002, 8090, 8092))
                .withMessage("--port 8002 is one of the engine ports 8000..8002");
    }

    @Test
    void refusesAMetadataPortInsideTheEnginePortRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 8000, 8888, 8001, 8092))
                .withMessage("--metadata-port 8001 is one of the engine ports 8000..8002");
    }

    @Test
    void refusesServicesSharingAPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 8000, 8888, 8090, 8090))
                .withMessage("--port 8888, --metadata-port 8090 and --lora-manager-port 8090 must differ");
    }

    @Test
    void refusesAFleetWithoutEngines() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 8000, 8888, 8090, 8092))
                .withMessage("--engines must be at least 1 but was 0");
    }

    @Test
    void refusesEnginePortsBeyondTheLastPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(3, 65534, 8888, 8090, 8092))
                .withMessageContaining("leaves no room for 3 engines");
    }

    @Test
    void refusesAShortAdminToken() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings("llama3-8b-sql-lora", "short"))
                .withMessage("--admin-token must be at least 16 characters");
    }

    @Test
    void refusesAnAdapterNamedLikeTheModelOrNotAName() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings("llama3-8b", "admin-token-0123456789"))
                .withMessageStartingWith("--adapter must be a name like --model's and differ from it");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("sql lora", "admin-token-0123456789"))
                .withMessageStartingWith("--adapter must be");
    }

    @Test
    void treatsABlankAdapterAsNone() {
        assertThat(settings(" ", "admin-token-0123456789").adapter()).isNull();
    }

    @Test
    void treatsABlankProfileAsTheSimulatorDefault() {
        SuiteSettings settings = new SuiteSettings(Path.of("suite"), "java", 1, 8000, "llama3-8b", null, " ", 8888,
                8090, 8092, "admin-token-0123456789", false, null, Duration.ofSeconds(1), List.of(), List.of(),
                List.of(), List.of());

        assertThat(settings.profile()).isNull();
    }

    private static SuiteSettings settings(int engines, int engineBasePort, int port, int metadataPort,
            int loraManagerPort) {
        return new SuiteSettings(Path.of("suite"), "java", engines, engineBasePort, "llama3-8b", null, null, port,
                metadataPort, loraManagerPort, "admin-token-0123456789", false, null, Duration.ofSeconds(1), List.of(),
                List.of(), List.of(), List.of());
    }

    private static SuiteSettings settings(String adapter, String token) {
        return new SuiteSettings(Path.of("suite"), "java", 1, 8000, "llama3-8b", adapter, null, 8888, 8090, 8092,
                token, false, null, Duration.ofSeconds(1), List.of(), List.of(), List.of(), List.of());
    }
}
