package io.aibrix.autoscaler.fleet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.aibrix.autoscaler.AutoscalerApplication;
import io.aibrix.autoscaler.GaugeServer;
import io.aibrix.autoscaler.Http;
import io.aibrix.autoscaler.MetadataProcess;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local mode end to end: a PodAutoscaler created through the REST API scales a fleet of simulated engines
 * (child JVMs of the engine-simulator jar) that register in a real metadata-service (a child JVM too) once warm,
 * and leave it first when scaled down.
 */
class LocalModeIntegrationTests {

    private static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final String MODEL = "llama3-8b";
    private static final String PATH = "/apis/autoscaling.aibrix.ai/v1alpha1/namespaces/default/podautoscalers";

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    private static MetadataProcess metadata;
    private static ConfigurableApplicationContext autoscaler;
    private static Http registry;
    private static Http api;
    private static GaugeServer gauge;
    private static Path logs;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("autoscaler.test.engine-jar", "target/engines/engine-simulator.jar"));
        assertThat(jar).as("the engine-simulator jar copied by the build").exists();
        metadata = MetadataProcess.start(Path.of(System.getProperty("autoscaler.test.metadata-jar",
                "target/engines/metadata-service.jar")), ADMIN_TOKEN);
        URI metadataUri = metadata.base();
        registry = new Http(metadataUri, ADMIN_TOKEN);
        assertThat(registry.send("POST", "/admin/v1/models", "{\"name\":\"" + MODEL + "\"}").status()).isEqualTo(201);
        gauge = new GaugeServer("gateway_requests_waiting", 0);
        Map<String, String> db = postgres.springProperties("autoscaler_fleet");
        logs = Files.createTempDirectory("fleet-logs");
        autoscaler = AutoscalerApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + db.get("spring.datasource.url"),
                "--spring.datasource.username=" + db.get("spring.datasource.username"),
                "--spring.datasource.password=" + db.get("spring.datasource.password"),
                "--autoscaler.reconcile.interval=300ms",
                "--autoscaler.fleet.engine-jar=" + jar.toAbsolutePath(),
                "--autoscaler.fleet.base-port=" + freePort(),
                "--autoscaler.fleet.model=" + MODEL,
                "--autoscaler.fleet.startup-delay=2s",
                "--autoscaler.fleet.drain-grace=500ms",
                "--autoscaler.fleet.poll-interval=200ms",
                "--autoscaler.fleet.metadata-url=" + metadataUri,
                "--autoscaler.fleet.metadata-token=" + ADMIN_TOKEN,
                "--autoscaler.fleet.log-directory=" + logs);
        api = new Http(URI.create("http://127.0.0.1:" + port(autoscaler)), null);
    }

    @AfterAll
    static void stop() {
        if (autoscaler != null) {
            autoscaler.close();
        }
        if (metadata != null) {
            metadata.close();
        }
        if (gauge != null) {
            gauge.close();
        }
        if (logs != null) {
            MetadataProcess.deleteRecursively(logs);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static List<String> registered() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode engine : registry.send("GET", "/internal/v1/engines", null).body()) {
            names.add(engine.get("name").asText());
        }
        return names;
    }

    @Test
    void scalesTheFleetUpAndDownThroughTheRegistry() throws Exception {
        String body = """
                {"apiVersion":"autoscaling.aibrix.ai/v1alpha1","kind":"PodAutoscaler",
                 "metadata":{"name":"llama","annotations":{"autoscaling.aibrix.ai/scale-down-cooldown-window":"0s"}},
                 "spec":{"scaleTargetRef":{"kind":"EngineFleet","name":"llama"},"minReplicas":1,"maxReplicas":3,
                   "scalingStrategy":"KPA","observeWindowSeconds":4,"panicWindowSeconds":2,
                   "metricsSources":[{"metricSourceType":"external","endpoint":"%s","path":"/metrics",
                     "targetMetric":"gateway_requests_waiting","targetValue":"10"}]}}
                """.formatted(gauge.endpoint());
        assertThat(api.send("POST", PATH, body).status()).isEqualTo(201);
        LocalFleet fleet = autoscaler.getBean(LocalFleet.class);

        // The fleet starts with one engine, registered only once it is warm.
        await().atMost(Duration.ofSeconds(60)).until(() -> registered().equals(List.of("llama-0")));

        gauge.set(25);
        await().atMost(Duration.ofSeconds(90)).until(() -> registered().size() == 3);
        assertThat(registered()).containsExactlyInAnyOrder("llama-0", "llama-1", "llama-2");

        gauge.set(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> registered().equals(List.of("llama-0")));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.describe().get("llama").size() == 1);

        JsonNode status = api.send("GET", PATH + "/llama", null).body().get("status");
        assertThat(status.get("scalingHistory").toString()).contains("\"newScale\":3").contains("\"newScale\":1");
        assertThat(status.get("actualScale").asInt()).isEqualTo(1);
    }
}
