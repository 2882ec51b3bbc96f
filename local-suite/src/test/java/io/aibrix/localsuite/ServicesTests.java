package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Services}. */
class ServicesTests {

    private static final Path DIR = Path.of("suite");

    private final SuiteSettings settings = new SuiteSettings(DIR, "/jdk/bin/java", 3, 9000, "llama3-8b", "zero",
            9100, Duration.ofSeconds(5), List.of("--simulator.time-scale=0.1"), List.of("--logging.level.root=info"));

    @Test
    void startsTheEnginesBeforeTheGateway() {
        assertThat(Services.all(settings)).extracting(Service::name).containsExactly("engines", "gateway");
    }

    @Test
    void runsTheWholeFleetInOneSimulatorJvmWithTheExtraArgumentsLast() {
        Service engines = Services.engines(settings);

        assertThat(engines.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("engine-simulator.jar").toString(), "--fleet.engines=3", "--fleet.base-port=9000",
                "--simulator.model=llama3-8b", "--simulator.profile=zero", "--simulator.time-scale=0.1");
        assertThat(engines.ports()).containsExactly(9000, 9001, 9002);
        assertThat(engines.readiness()).containsExactly(URI.create("http://127.0.0.1:9000/health"),
                URI.create("http://127.0.0.1:9001/health"), URI.create("http://127.0.0.1:9002/health"));
    }

    @Test
    void leavesTheProfileToTheSimulatorWhenNoneIsGiven() {
        SuiteSettings noProfile = new SuiteSettings(DIR, "java", 1, 8000, "llama3-8b", null, 8888,
                Duration.ofSeconds(5), List.of(), List.of());

        assertThat(Services.engines(noProfile).command()).noneMatch(arg -> arg.startsWith("--simulator.profile"));
    }

    @Test
    void pointsTheGatewayAtEveryEngineThroughStaticDiscovery() {
        Service gateway = Services.gateway(settings);

        assertThat(gateway.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("gateway-service.jar").toString(), "--server.port=9100",
                "--gateway.discovery.source=static", "--gateway.discovery.static.models[0].name=llama3-8b",
                "--gateway.discovery.static.models[0].endpoints="
                        + "http://127.0.0.1:9000,http://127.0.0.1:9001,http://127.0.0.1:9002",
                "--logging.level.root=info");
        assertThat(gateway.ports()).containsExactly(9100);
        assertThat(gateway.readiness())
                .containsExactly(URI.create("http://127.0.0.1:9100/actuator/health/readiness"));
    }

    @Test
    void bannerShowsTheOpenAiBaseUrlAndARequestToTry() {
        String banner = Banner.text(settings, Duration.ofMillis(4321));

        assertThat(banner).contains("ready in 4.3 s", "http://localhost:9100/v1",
                "http://127.0.0.1:9000 .. http://127.0.0.1:9002", "curl -sN http://localhost:9100/v1/chat/completions",
                "\"model\":\"llama3-8b\"");
    }
}
