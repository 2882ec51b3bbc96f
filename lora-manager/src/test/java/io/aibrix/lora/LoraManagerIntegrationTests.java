package io.aibrix.lora;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.metadata.MetadataApplication;
import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LoraManagerApplication} end to end: a real metadata-service (in-process, on embedded PostgreSQL)
 * with three simulated engines in its engine registry, and lora-manager running its own schedule against both.
 */
class LoraManagerIntegrationTests {

    private static final String ADMIN_TOKEN = "lora-it-admin-token-0123456789";

    private static final String BASE = "llama3-8b";

    private static final int ENGINES = 3;

    private static final String NO_DATABASE = "--" + Engines.NO_DATABASE_KEY + "=" + Engines.NO_DATABASE_VALUE;

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = Engines.fleet(ENGINES);

    private static final Http admin = new Http(ADMIN_TOKEN);

    private static final Http anonymous = new Http(null);

    /** Engines started in place of a fleet engine, by index. */
    private static final Map<Integer, SimulatedEngine> replacements = new ConcurrentHashMap<>();

    private static final List<Integer> ports = new ArrayList<>();

    private static ConfigurableApplicationContext metadata;

    private static ConfigurableApplicationContext lora;

    private static URI metadataUri;

    private static URI loraUri;

    @BeforeAll
    static void start() {
        Map<String, String> database = postgres.springProperties("lora_it");
        metadata = MetadataApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + database.get("spring.datasource.url"),
                "--spring.datasource.username=" + database.get("spring.datasource.username"),
                "--spring.datasource.password=" + database.get("spring.datasource.password"),
                "--metadata.security.admin-token=" + ADMIN_TOKEN, "--metadata.engines.ttl=1h");
        metadataUri = URI.create("http://127.0.0.1:" + port(metadata));
        admin.expect(201, "POST", metadataUri.resolve("/admin/v1/models"), "{\"name\":\"" + BASE + "\"}");
        for (int i = 0; i < ENGINES; i++) {
            ports.add(fleet.engine(i).port());
            admin.expect(201, "PUT", metadataUri.resolve("/internal/v1/engines/" + engineName(i)),
                    "{\"host\":\"127.0.0.1\",\"port\":" + ports.get(i) + ",\"models\":[\"" + BASE + "\"]}");
        }
        lora = LoraManagerApplication.application().run("--server.port=0", NO_DATABASE,
                "--lora.metadata.base-url=" + metadataUri, "--lora.metadata.admin-token=" + ADMIN_TOKEN,
                "--lora.reconcile.interval=100ms", "--lora.retry.initial-backoff=20ms",
                "--lora.retry.max-backoff=80ms", "--lora.placement.random-seed=7");
        loraUri = URI.create("http://127.0.0.1:" + port(lora));
    }

    @AfterAll
    static void stop() {
        if (lora != null) {
            lora.close();
        }
        if (metadata != null) {
            metadata.close();
        }
        replacements.values().forEach(SimulatedEngine::close);
    }

    @AfterEach
    void deleteEveryAdapter() {
        for (JsonNode adapter : admin.expect(200, "GET", metadataUri.resolve("/admin/v1/adapters"), null)) {
            admin.expect(204, "DELETE", metadataUri.resolve("/admin/v1/adapters/" + adapter.path("name").asText()),
                    null);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < ENGINES; i++) {
                assertThat(loaded(i)).as(engineName(i)).isEmpty();
            }
        });
    }

    @Test
    void runsOnEveryEngineComesBackAfterARestartAndIsUnloadedOnDelete() {
        createAdapter("{\"name\":\"sql-lora\",\"baseModel\":\"" + BASE + "\",\"artifactUrl\":\"hf://org/sql-lora\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = status("sql-lora");
            assertThat(status.path("phase").asText()).isEqualTo("Running");
            assertThat(texts(status.path("instances"))).containsExactly("engine-0", "engine-1", "engine-2");
        });
        for (int i = 0; i < ENGINES; i++) {
            assertThat(loaded(i)).as(engineName(i)).containsExactly("sql-lora");
        }
        JsonNode running = status("sql-lora");
        assertThat(condition(running, "Ready").path("status").asText()).isEqualTo("True");
        assertThat(condition(running, "Ready").path("reason").asText()).isEqualTo("ModelAdapterAvailable");
        assertThat(running.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(running.path("lastError").isNull()).isTrue();
        JsonNode registry = anonymous.expect(200, "GET", metadataUri.resolve("/v1/registry/endpoints"), null);
        assertThat(registry.path("endpoints")).allSatisfy(endpoint ->
                assertThat(texts(endpoint.path("models"))).containsExactly(BASE, "sql-lora"));

        engine(1).close();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(texts(status("sql-lora")
                .path("instances"))).containsExactly("engine-0", "engine-2"));
        assertThat(status("sql-lora").path("phase").asText()).isEqualTo("Running");

        replacements.put(1, Engines.start(1, ports.get(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(loaded(1)).containsExactly("sql-lora");
            assertThat(texts(status("sql-lora").path("instances"))).containsExactly("engine-0", "engine-1",
                    "engine-2");
        });

        admin.expect(204, "DELETE", metadataUri.resolve("/admin/v1/adapters/sql-lora"), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < ENGINES; i++) {
                assertThat(loaded(i)).as(engineName(i)).isEmpty();
            }
        });
    }

    @Test
    void placesAdaptersByTheirPolicyAndReplicaCount() {
        assertThat(placed("a", "least-adapters", 1)).containsExactly("engine-0");
        assertThat(placed("b", "least-adapters", 1)).containsExactly("engine-1");
        // engine-0 and engine-1 hold one adapter each, engine-2 none: bin-pack fills, ties go by name.
        assertThat(placed("c", "bin-pack", 1)).containsExactly("engine-0");
        // Now 2, 1, 0: least-adapters takes the two emptiest.
        assertThat(placed("d", "least-adapters", 2)).containsExactly("engine-1", "engine-2");
        assertThat(placed("e", "bin-pack", 1)).containsExactly("engine-0");
        List<String> random = placed("f", "random", 2);
        assertThat(random).hasSize(2).doesNotHaveDuplicates();
        for (int i = 0; i < ENGINES; i++) {
            assertThat(loaded(i).contains("f")).as(engineName(i)).isEqualTo(random.contains(engineName(i)));
        }
    }

    @Test
    void retriesAFailingLoadThenFailsWithTheErrorAndRecoversWhenTheSpecIsFixed() {
        createAdapter("{\"name\":\"broken\",\"baseModel\":\"" + BASE
                + "\",\"artifactUrl\":\"/nonexistent/lora/broken\",\"replicas\":1}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status("broken").path("phase")
                .asText()).isEqualTo("Failed"));
        JsonNode failed = status("broken");
        assertThat(failed.path("lastError").asText()).contains("No adapter found for /nonexistent/lora/broken")
                .contains("gave up after 5 tries");
        assertThat(condition(failed, "Ready").path("reason").asText()).isEqualTo("ModelAdapterLoadingError");
        assertThat(failed.path("instances")).isEmpty();
        for (int i = 0; i < ENGINES; i++) {
            assertThat(loaded(i)).isEmpty();
        }

        admin.expect(200, "PUT", metadataUri.resolve("/admin/v1/adapters/broken"), "{\"baseModel\":\"" + BASE
                + "\",\"artifactUrl\":\"hf://org/fixed\",\"replicas\":1}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = status("broken");
            assertThat(status.path("phase").asText()).isEqualTo("Running");
            assertThat(status.path("instances")).hasSize(1);
            assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
            assertThat(status.path("lastError").isNull()).isTrue();
        });
    }

    @Test
    void staysPendingWhileNoEngineMatchesThePodSelector() {
        createAdapter("{\"name\":\"gold\",\"baseModel\":\"" + BASE + "\",\"artifactUrl\":\"s3://adapters/gold\","
                + "\"podSelector\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(condition(status("gold"), "Scheduled")
                .path("reason").asText()).isEqualTo("NoCandidates"));
        assertThat(status("gold").path("phase").asText()).isEqualTo("Pending");
    }

    @Test
    void placesAnAdapterOnlyOnEnginesWhoseRegisteredLabelsMatchItsPodSelector() {
        register(2, "{\"zone\":\"b\",\"adapter.model.aibrix.ai/enabled\":\"true\"}");
        try {
            createAdapter("{\"name\":\"zoned\",\"baseModel\":\"" + BASE + "\",\"artifactUrl\":\"s3://adapters/z\","
                    + "\"podSelector\":{\"zone\":\"b\"}}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode status = status("zoned");
                assertThat(status.path("phase").asText()).isEqualTo("Running");
                assertThat(texts(status.path("instances"))).containsExactly("engine-2");
            });
            assertThat(loaded(0)).isEmpty();
            assertThat(loaded(1)).isEmpty();
            assertThat(loaded(2)).containsExactly("zoned");
        }
        finally {
            register(2, "{}");
        }
    }

    @Test
    void leavesAdaptersItDoesNotOwnAloneWhenTriggered() {
        anonymous.expect(200, "POST", engineUri(0).resolve("/v1/load_lora_adapter"),
                "{\"lora_name\":\"static-lora\",\"lora_path\":\"org/static\"}");
        try {
            JsonNode report = anonymous.expect(200, "POST", loraUri.resolve("/lora/v1/reconcile"), null);
            assertThat(report.path("engines").asInt()).isEqualTo(ENGINES);
            assertThat(report.path("error").isNull()).isTrue();
            anonymous.expect(200, "POST", loraUri.resolve("/lora/v1/reconcile"), null);

            assertThat(loaded(0)).containsExactly("static-lora");
        }
        finally {
            anonymous.expect(200, "POST", engineUri(0).resolve("/v1/unload_lora_adapter"),
                    "{\"lora_name\":\"static-lora\"}");
        }
    }

    @Test
    void reportsHealthThroughActuator() {
        assertThat(anonymous.expect(200, "GET", loraUri.resolve("/actuator/health"), null).path("status").asText())
                .isEqualTo("UP");
    }

    /** Creates an adapter with a policy and replica count, waits until it runs; returns its instances. */
    private static List<String> placed(String name, String policy, int replicas) {
        createAdapter("{\"name\":\"" + name + "\",\"baseModel\":\"" + BASE + "\",\"artifactUrl\":\"hf://org/" + name
                + "\",\"replicas\":" + replicas + ",\"schedulingPolicy\":\"" + policy + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = status(name);
            assertThat(status.path("phase").asText()).isEqualTo("Running");
            assertThat(status.path("instances")).hasSize(replicas);
        });
        return texts(status(name).path("instances"));
    }

    /** Registers engine {@code index} again, with the given labels (a JSON object). */
    private static void register(int index, String labels) {
        admin.expect(200, "PUT", metadataUri.resolve("/internal/v1/engines/" + engineName(index)),
                "{\"host\":\"127.0.0.1\",\"port\":" + ports.get(index) + ",\"models\":[\"" + BASE
                        + "\"],\"labels\":" + labels + "}");
    }

    private static void createAdapter(String json) {
        admin.expect(201, "POST", metadataUri.resolve("/admin/v1/adapters"), json);
    }

    private static JsonNode status(String adapter) {
        return admin.expect(200, "GET", metadataUri.resolve("/admin/v1/adapters/" + adapter + "/status"), null);
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        throw new AssertionError("No condition " + type + " in " + status);
    }

    /** Adapter names engine {@code index} lists in {@code /v1/models}. */
    private static Set<String> loaded(int index) {
        Set<String> adapters = new TreeSet<>();
        for (JsonNode card : anonymous.expect(200, "GET", engineUri(index).resolve("/v1/models"), null)
                .path("data")) {
            if (card.path("parent").isTextual()) {
                adapters.add(card.path("id").asText());
            }
        }
        return adapters;
    }

    private static SimulatedEngine engine(int index) {
        SimulatedEngine replacement = replacements.get(index);
        return replacement != null ? replacement : fleet.engine(index);
    }

    private static URI engineUri(int index) {
        return URI.create("http://127.0.0.1:" + ports.get(index));
    }

    private static String engineName(int index) {
        return "engine-" + index;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
