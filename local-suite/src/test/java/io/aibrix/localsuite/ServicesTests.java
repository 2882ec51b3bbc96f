package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Services} and {@link Banner}. */
class ServicesTests {

    private static final Path DIR = Path.of("suite");

    private static final String TOKEN = "admin-token-0123456789";

    private final SuiteSettings settings = settings(null, false).withDataDir(Path.of("data"));

    @Test
    void startsMetadataServiceFirstAndTheGatewayLast() {
        assertThat(Services.all(settings)).extracting(Service::name)
                .containsExactly("metadata", "engines", "lora-manager", "gateway");
    }

    @Test
    void runsMetadataServiceOnItsEmbeddedDatabaseWithTheAdminTokenOffTheCommandLine() {
        Service metadata = Services.metadata(settings);

        assertThat(metadata.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("metadata-service.jar").toString(), "--server.port=9200",
                "--metadata.embedded-database.data-directory=" + Path.of("data", "metadata-postgres"),
                "--metadata.engines.ttl=1m");
        assertThat(metadata.command()).noneMatch(arg -> arg.contains(TOKEN));
        assertThat(metadata.environment()).containsExactly(Map.entry("METADATA_SECURITY_ADMINTOKEN", TOKEN));
        assertThat(metadata.readiness())
                .containsExactly(URI.create("http://127.0.0.1:9200/actuator/health/readiness"));
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
        SuiteSettings noProfile = new SuiteSettings(DIR, "java", 1, 8000, "llama3-8b", null, null, 8888, 8090, 8092,
                TOKEN, false, null, Duration.ofSeconds(5), List.of(), List.of(), List.of(), List.of());

        assertThat(Services.engines(noProfile).command()).noneMatch(arg -> arg.startsWith("--simulator.profile"));
    }

    @Test
    void pointsLoraManagerAtTheRegistryWithTheAdminToken() {
        Service lora = Services.loraManager(settings);

        assertThat(lora.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("lora-manager.jar").toString(), "--server.port=9300", "--lora.discovery.source=registry",
                "--lora.metadata.base-url=http://127.0.0.1:9200", "--lora.reconcile.interval=200ms");
        // The suite's interval in the environment, which the extra argument overrides.
        assertThat(lora.environment()).containsOnly(Map.entry("LORA_METADATA_ADMINTOKEN", TOKEN),
                Map.entry("LORA_RECONCILE_INTERVAL", "2s"));
        assertThat(lora.ports()).containsExactly(9300);
    }

    @Test
    void pointsTheGatewayAtTheRegistryWithoutKeyChecksByDefault() {
        Service gateway = Services.gateway(settings);

        assertThat(gateway.command()).containsExactly("/jdk/bin/java", "-jar",
                DIR.resolve("gateway-service.jar").toString(), "--server.port=9100",
                "--gateway.discovery.source=metadata", "--gateway.discovery.metadata.base-url=http://127.0.0.1:9200",
                "--logging.level.root=info");
        assertThat(gateway.environment()).containsExactly(Map.entry("GATEWAY_AUTH_ENABLED", "false"));
        assertThat(gateway.ports()).containsExactly(9100);
        assertThat(gateway.readiness())
                .containsExactly(URI.create("http://127.0.0.1:9100/actuator/health/readiness"));
    }

    @Test
    void checksApiKeysAgainstMetadataServiceWithApiKeysOn() {
        Service gateway = Services.gateway(settings(null, true));

        assertThat(gateway.command()).contains("--gateway.auth.metadata-url=http://127.0.0.1:9200");
        assertThat(gateway.environment()).containsExactly(Map.entry("GATEWAY_AUTH_METADATATOKEN", TOKEN));
    }

    @Test
    void bannerShowsTheUrlsTheTokenARequestToTryAndHowToCreateAKey() {
        String banner = Banner.text(settings(null, false).withDataDir(Path.of("data")), true,
                Duration.ofMillis(4321));

        assertThat(banner).contains("ready in 4.3 s", "http://localhost:9100/v1",
                "model 'llama3-8b', adapter 'llama3-8b-sql-lora'; any API key", "http://localhost:9200/admin/v1",
                "ADMIN_TOKEN=" + TOKEN, "http://localhost:9300/actuator/health",
                "http://127.0.0.1:9000 .. http://127.0.0.1:9002", "(deleted on exit; --data-dir keeps it)",
                "curl -sN http://localhost:9100/v1/chat/completions", "\"model\":\"llama3-8b-sql-lora\"",
                "http://localhost:9200/admin/v1/users/me/api-keys", "the gateway checks keys with --api-keys");
        assertThat(banner).doesNotContain("Authorization: Bearer $KEY");
    }

    @Test
    void bannerSendsTheKeyWhenKeysAreRequired() {
        String banner = Banner.text(settings(null, true).withDataDir(Path.of("data")), false, Duration.ZERO);

        assertThat(banner).contains("API keys required", "-H \"Authorization: Bearer $KEY\"")
                .doesNotContain("deleted on exit");
    }

    private static SuiteSettings settings(Path dataDir, boolean apiKeys) {
        return new SuiteSettings(DIR, "/jdk/bin/java", 3, 9000, "llama3-8b", "llama3-8b-sql-lora", "zero", 9100, 9200,
                9300, TOKEN, apiKeys, dataDir, Duration.ofSeconds(5), List.of("--simulator.time-scale=0.1"),
                List.of("--logging.level.root=info"), List.of("--metadata.engines.ttl=1m"),
                List.of("--lora.reconcile.interval=200ms"));
    }
}
