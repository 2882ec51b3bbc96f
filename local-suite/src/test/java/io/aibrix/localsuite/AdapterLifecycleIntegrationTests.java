package io.aibrix.localsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the suite's services together ({@link Services}), each a child JVM from its exec jar: metadata-service on
 * its embedded PostgreSQL with tokens on, three simulated engines registered with labels (two adapter-enabled),
 * lora-manager in registry mode and the gateway requiring API keys. Follows one adapter through its whole life.
 */
class AdapterLifecycleIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String ADAPTER = "sql-lora";
    private static final String TOKEN = "e2e-admin-token-0123456789";
    private static final String ENABLED = "adapter.model.aibrix.ai/enabled";
    private static final int ENGINES = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    static Path dataDir;

    private static final CapturedOutput output = new CapturedOutput();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Integer> enginePorts = new ArrayList<>();
    private static SuiteSettings settings;
    private static MetadataAdmin admin;
    private static EngineRegistrations registrations;
    private static Suite suite;
    private static ChildProcess restartedEngine;

    @BeforeAll
    static void startTheServices() throws Exception {
        for (int i = 0; i < ENGINES; i++) {
            enginePorts.add(FreePorts.any());
        }
        settings = new SuiteSettings(Path.of(System.getProperty("local-suite.services-dir")), StubService.java(), 1,
                enginePorts.getFirst(), MODEL, null, "zero", FreePorts.any(), FreePorts.any(), FreePorts.any(), TOKEN,
                true, dataDir, Duration.ofSeconds(60), List.of(),
                List.of("--gateway.discovery.metadata.poll-interval=200ms", "--gateway.auth.cache-ttl=1s"), List.of(),
                List.of("--lora.reconcile.interval=200ms", "--lora.retry.initial-backoff=100ms",
                        "--lora.retry.max-backoff=400ms"));
        admin = new MetadataAdmin(Services.metadataUrl(settings), TOKEN);
        List<EngineRegistrations.Engine> engines = new ArrayList<>();
        List<Service> services = new ArrayList<>(List.of(quickStart(Services.metadata(settings))));
        for (int i = 0; i < ENGINES; i++) {
            engines.add(new EngineRegistrations.Engine(engineName(i), enginePorts.get(i),
                    i < 2 ? Map.of(ENABLED, "true") : Map.of()));
            services.add(engine(i));
        }
        services.add(quickStart(Services.loraManager(settings)));
        services.add(quickStart(Services.gateway(settings)));
        registrations = new EngineRegistrations(admin, MODEL, engines, Duration.ofSeconds(2), output.stream());
        suite = new Suite(services, settings.startupTimeout(), service -> {
            try {
                if (service.name().equals(Services.METADATA)) {
                    assertThat(admin.send("POST", "/admin/v1/models", "{\"name\":\"" + MODEL + "\"}").status())
                            .isEqualTo(201);
                }
                if (service.name().equals(engineName(ENGINES - 1))) {
                    registrations.start();
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }, output.stream());
        try {
            suite.start();
        }
        catch (SuiteStartupException | RuntimeException ex) {
            throw new AssertionError("the services did not come up:\n" + output.text(), ex);
        }
    }

    @AfterAll
    static void stopTheServices() {
        if (registrations != null) {
            registrations.close();
        }
        if (restartedEngine != null) {
            restartedEngine.stop(Suite.STOP_GRACE);
        }
        if (suite != null) {
            suite.close();
        }
        if (admin != null) {
            admin.close();
        }
        http.close();
    }

    @Test
    void servesAnAdapterOnlyWhereItRunsReloadsItAfterAnEngineRestartAndUnloadsItOnDelete() throws Exception {
        assertThat(chat(null, MODEL).statusCode()).isEqualTo(401);
        assertThat(admin.send("POST", "/admin/v1/users", "{\"name\":\"alice\",\"rpm\":1000}").status()).isEqualTo(201);
        MetadataAdmin.Response created = admin.send("POST", "/admin/v1/users/alice/api-keys", "{\"name\":\"e2e\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = JSON.readTree(created.body()).path("key").asText();

        assertThat(admin.send("POST", "/admin/v1/adapters", "{\"name\":\"" + ADAPTER + "\",\"baseModel\":\"" + MODEL
                + "\",\"artifactUrl\":\"hf://yard1/llama-2-7b-sql-lora-test\",\"podSelector\":{\"" + ENABLED
                + "\":\"true\"}}").status()).isEqualTo(201);

        awaitInstances("engine-0", "engine-1");
        assertThat(loaded(0)).containsExactly(ADAPTER);
        assertThat(loaded(1)).containsExactly(ADAPTER);
        assertThat(loaded(2)).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(chat(key, ADAPTER).statusCode()).isEqualTo(200));
        Set<String> servedBy = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = chat(key, ADAPTER);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("model").asText()).isEqualTo(ADAPTER);
            servedBy.add(response.headers().firstValue("target-pod").orElseThrow());
        }
        assertThat(servedBy).isNotEmpty().isSubsetOf("engine-0", "engine-1");

        ChildProcess engine1 = suite.children().stream().filter(child -> child.name().equals(engineName(1)))
                .findFirst().orElseThrow();
        engine1.stop(Suite.STOP_GRACE);
        awaitInstances("engine-0");
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = chat(key, ADAPTER);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("target-pod")).hasValue("engine-0");
        });

        Service replacement = engine(1);
        restartedEngine = ChildProcess.start(replacement.name(), replacement.command(), Map.of(), output.stream());
        try (Readiness readiness = new Readiness()) {
            readiness.await(restartedEngine, replacement.readiness(), settings.startupTimeout());
        }
        awaitInstances("engine-0", "engine-1");
        assertThat(loaded(1)).containsExactly(ADAPTER);

        assertThat(admin.send("DELETE", "/admin/v1/adapters/" + ADAPTER, null).status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int i = 0; i < ENGINES; i++) {
                assertThat(loaded(i)).as(engineName(i)).isEmpty();
            }
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = chat(key, ADAPTER);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                    .isEqualTo("model_not_found");
        });
        assertThat(chat(key, MODEL).statusCode()).isEqualTo(200);
    }

    /**
     * {@code service} on a JVM tuned for a short life: six JVMs start one after another on a small machine here, and
     * the C1 compiler alone roughly halves each start.
     */
    private static Service quickStart(Service service) {
        List<String> command = new ArrayList<>(service.command());
        command.addAll(1, QUICK_START);
        return new Service(service.name(), command, service.environment(), service.ports(), service.portHint(),
                service.readiness());
    }

    /** Engine {@code index} on its own port, in its own JVM, so that it can be stopped and started again. */
    private static Service engine(int index) {
        int port = enginePorts.get(index);
        return quickStart(new Service(engineName(index), List.of(settings.java(), "-jar",
                settings.servicesDir().resolve(Services.ENGINE_JAR).toString(), "--server.port=" + port,
                "--simulator.model=" + MODEL, "--simulator.profile=zero", "--simulator.engine-index=" + index),
                Map.of(), List.of(port), "--engine-base-port",
                List.of(URI.create("http://127.0.0.1:" + port + "/health"))));
    }

    private static String engineName(int index) {
        return "engine-" + index;
    }

    private static void awaitInstances(String... engines) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = JSON.readTree(admin.send("GET", "/admin/v1/adapters/" + ADAPTER + "/status", null)
                    .body());
            assertThat(status.path("phase").asText()).isEqualTo("Running");
            List<String> instances = new ArrayList<>();
            status.path("instances").forEach(instance -> instances.add(instance.asText()));
            assertThat(instances).containsExactly(engines);
        });
    }

    /** The adapters engine {@code index} lists in its {@code /v1/models}. */
    private static Set<String> loaded(int index) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + enginePorts.get(index) + "/v1/models")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> adapters = new TreeSet<>();
        for (JsonNode card : JSON.readTree(response.body()).path("data")) {
            if (card.path("parent").isTextual()) {
                adapters.add(card.path("id").asText());
            }
        }
        return adapters;
    }

    /** A short chat completion through the gateway, with the API key {@code key} ({@code null} for none). */
    private static HttpResponse<String> chat(String key, String model) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(Services.gatewayUrl(settings)
                .resolve("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"select the answer\"}],\"max_tokens\":4}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
