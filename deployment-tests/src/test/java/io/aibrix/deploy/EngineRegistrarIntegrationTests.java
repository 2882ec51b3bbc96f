package io.aibrix.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for deploy/compose/register-engines.sh, the compose file's engine-registrar, against the real
 * metadata-service: the engines it names appear in the registry the gateway and lora-manager read, and it marks the
 * round healthy.
 */
class EngineRegistrarIntegrationTests {

    private static final String ADMIN_TOKEN = "registrar-admin-token-0123";
    private static final String INTERNAL_TOKEN = "registrar-internal-token-0123";

    @Test
    void registersEveryEngineInTheRegistryAndMarksTheRoundHealthy(@TempDir Path work) throws Exception {
        Path marker = work.resolve("registered");
        try (ServiceProcess metadata = ServiceProcess.start("metadata-service", ServiceProcess.freePort(),
                "/actuator/health/readiness", Map.of("metadata.security.admin-token", ADMIN_TOKEN,
                        "metadata.security.internal-token", INTERNAL_TOKEN,
                        "metadata.embedded-database.data-directory", work.resolve("postgres").toString()))) {
            ProcessBuilder registrar = new ProcessBuilder("sh",
                    DeployFiles.path("deploy/compose/register-engines.sh").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("registrar.log").toFile());
            registrar.environment().putAll(Map.of("METADATA_URL", "http://127.0.0.1:" + metadata.port(),
                    "METADATA_TOKEN", INTERNAL_TOKEN, "ENGINE_COUNT", "3", "ENGINE_PORT", "8000",
                    "MODEL", "llama3-8b", "HEARTBEAT_INTERVAL", "1", "REGISTERED_MARKER", marker.toString()));
            Process process = registrar.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(marker));

                JsonNode registry = new ObjectMapper().readTree(metadata.get("/v1/registry/endpoints").body());
                Map<String, String> hosts = new TreeMap<>();
                for (JsonNode endpoint : registry.path("endpoints")) {
                    hosts.put(endpoint.path("name").asText(), endpoint.path("host").asText() + ":"
                            + endpoint.path("port").asInt());
                    assertThat(endpoint.path("models").get(0).asText()).isEqualTo("llama3-8b");
                    assertThat(endpoint.path("ready").asBoolean()).isTrue();
                    assertThat(endpoint.path("labels").path("adapter.model.aibrix.ai/enabled").asText())
                            .isEqualTo("true");
                }
                assertThat(hosts).containsExactly(Map.entry("engine-0", "engine-0:8000"),
                        Map.entry("engine-1", "engine-1:8000"), Map.entry("engine-2", "engine-2:8000"));
            }
            finally {
                process.destroy();
            }
        }
    }
}
