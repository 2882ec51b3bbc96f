package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link AutoscalerService}. */
class AutoscalerServiceTests {

    private static final Path DIR = Path.of("suite");
    private static final String TOKEN = "admin-token-0123456789";

    private final SuiteSettings suite = new SuiteSettings(DIR, "/jdk/bin/java", 3, 9000, "llama3-8b", null, "zero",
            9888, 9200, 9300, TOKEN, false, null, Duration.ofSeconds(5), List.of(), List.of(), List.of(), List.of())
            .withDataDir(Path.of("data"));

    private static AutoscalerService.Settings settings(int port, int engineBasePort) {
        return new AutoscalerService.Settings(port, engineBasePort, 4, Duration.ofSeconds(10),
                List.of("--autoscaler.reconcile.interval=2s"));
    }

    @Test
    void runsTheAutoscalerOnTheSuitesEngineJarModelAndRegistryWithTheTokenOffTheCommandLine() {
        Service autoscaler = AutoscalerService.service(suite, settings(9400, 9100));

        assertThat(autoscaler.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("autoscaler-service.jar").toString(), "--server.port=9400",
                "--autoscaler.embedded-database.data-directory=" + Path.of("data", "autoscaler-postgres"),
                "--autoscaler.fleet.engine-jar=" + DIR.resolve("engine-simulator.jar"),
                "--autoscaler.fleet.java=/jdk/bin/java", "--autoscaler.fleet.model=llama3-8b",
                "--autoscaler.fleet.base-port=9100", "--autoscaler.fleet.max-engines=4",
                "--autoscaler.fleet.startup-delay=10000ms",
                "--autoscaler.fleet.metadata-url=http://127.0.0.1:9200",
                "--autoscaler.fleet.log-directory=" + Path.of("data", "autoscaler-engines"),
                "--autoscaler.fleet.engine-args[0]=--simulator.profile=zero",
                "--autoscaler.reconcile.interval=2s");
        assertThat(autoscaler.command()).noneMatch(arg -> arg.contains(TOKEN));
        assertThat(autoscaler.environment()).containsExactly(Map.entry("AUTOSCALER_FLEET_METADATATOKEN", TOKEN));
        assertThat(autoscaler.readiness())
                .containsExactly(URI.create("http://127.0.0.1:9400/actuator/health/readiness"));
    }

    @Test
    void startsJustBeforeTheGateway() {
        List<Service> services = AutoscalerService.beforeGateway(Services.all(suite),
                AutoscalerService.service(suite, settings(9400, 9100)));

        assertThat(services).extracting(Service::name)
                .containsExactly("metadata", "engines", "lora-manager", "autoscaler", "gateway");
    }

    @Test
    void refusesPortsTheSuiteAlreadyUses() {
        assertThatThrownBy(() -> settings(9300, 9100).checkAgainst(suite))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--autoscaler-port 9300");
        assertThatThrownBy(() -> settings(9400, 8998).checkAgainst(suite))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--autoscaler-engine-base-port 8998 overlaps");
    }
}
