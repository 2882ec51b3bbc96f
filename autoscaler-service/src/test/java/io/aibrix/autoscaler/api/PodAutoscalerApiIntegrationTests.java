package io.aibrix.autoscaler.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.aibrix.autoscaler.AutoscalerApplication;
import io.aibrix.autoscaler.Http;
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
 * Tests for the local mode's REST API on a real PostgreSQL: create, read, list, replace, delete, validation problems
 * with AIBrix's messages, and objects that outlive a restart. No engine jar is configured, so the control loop reports
 * that it cannot scale.
 */
class PodAutoscalerApiIntegrationTests {

    private static final String COLLECTION = "/apis/autoscaling.aibrix.ai/v1alpha1/namespaces/team-a/podautoscalers";

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    private static ConfigurableApplicationContext service;
    private static Http http;

    static String[] arguments() {
        Map<String, String> database = postgres.springProperties("autoscaler_api");
        return new String[] {"--server.port=0", "--spring.datasource.url=" + database.get("spring.datasource.url"),
            "--spring.datasource.username=" + database.get("spring.datasource.username"),
            "--spring.datasource.password=" + database.get("spring.datasource.password"),
            "--autoscaler.reconcile.interval=100ms"};
    }

    @BeforeAll
    static void start() {
        service = AutoscalerApplication.application().run(arguments());
        http = new Http(URI.create("http://127.0.0.1:" + port(service)), null);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static String body(String name, String strategy, String observeWindow, String targetValue) {
        return """
                {"apiVersion":"autoscaling.aibrix.ai/v1alpha1","kind":"PodAutoscaler",
                 "metadata":{"name":"%s","annotations":{"autoscaling.aibrix.ai/scale-down-cooldown-window":"30s"}},
                 "spec":{"scaleTargetRef":{"kind":"EngineFleet","name":"llama"},"minReplicas":1,"maxReplicas":4,
                   "scalingStrategy":"%s","observeWindowSeconds":%s,
                   "metricsSources":[{"metricSourceType":"pod","targetMetric":"vllm:num_requests_waiting",
                     "targetValue":"%s"}]}}
                """.formatted(name, strategy, observeWindow, targetValue);
    }

    @Test
    void createsReadsListsReplacesAndDeletes() throws Exception {
        Http.Response created = http.send("POST", COLLECTION, body("crud", "KPA", "120", "10"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo(COLLECTION + "/crud");
        assertThat(created.body().at("/metadata/namespace").asText()).isEqualTo("team-a");
        assertThat(created.body().at("/metadata/generation").asLong()).isEqualTo(1);

        assertThat(http.send("POST", COLLECTION, body("crud", "KPA", "120", "10")).status()).isEqualTo(409);
        assertThat(http.send("GET", COLLECTION + "/crud", null).body().at("/spec/scalingStrategy").asText())
                .isEqualTo("KPA");
        assertThat(http.send("GET", "/apis/autoscaling.aibrix.ai/v1alpha1/podautoscalers", null).body()
                .at("/items/0/metadata/name").asText()).isEqualTo("crud");

        Http.Response replaced = http.send("PUT", COLLECTION + "/crud", body("crud", "APA", "120", "10"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().at("/spec/scalingStrategy").asText()).isEqualTo("APA");
        assertThat(replaced.body().at("/metadata/generation").asLong()).isEqualTo(2);

        assertThat(http.send("DELETE", COLLECTION + "/crud", null).status()).isEqualTo(204);
        Http.Response gone = http.send("GET", COLLECTION + "/crud", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.body().at("/detail").asText()).isEqualTo("PodAutoscaler team-a/crud not found");
        assertThat(http.send("DELETE", COLLECTION + "/crud", null).status()).isEqualTo(404);
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryMessage() throws Exception {
        Http.Response refused = http.send("POST", COLLECTION, body("invalid", "KPA", "0", "0"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().at("/reason").asText()).isEqualTo("InvalidSpec");
        assertThat(refused.body().at("/errors/0").asText()).isEqualTo("observeWindowSeconds must be greater than 0.");
        assertThat(refused.body().at("/errors/1").asText())
                .isEqualTo("metricsSources[0].targetValue must be greater than 0 but was '0'.");
    }

    @Test
    void anUnknownFieldIsNamed() throws Exception {
        String misspelt = body("typo", "KPA", "120", "10").replace("\"minReplicas\"", "\"minReplica\"");

        Http.Response refused = http.send("POST", COLLECTION, misspelt);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/detail").asText()).isEqualTo("spec.minReplica is not a known field");
    }

    @Test
    void aNameThatDisagreesWithThePathIsRefused() throws Exception {
        Http.Response refused = http.send("PUT", COLLECTION + "/other", body("mine", "KPA", "120", "10"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/detail").asText())
                .isEqualTo("metadata.name 'mine' does not match the name 'other' of the path");
    }

    @Test
    void theControlLoopWritesWhyItCannotScaleWithoutAnEngineJar() throws Exception {
        http.send("POST", COLLECTION, body("nojar", "KPA", "120", "10"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Http.Response read = http.send("GET", COLLECTION + "/nojar", null);
            assertThat(read.body().at("/status/conditions").toString()).contains("FailedGetScale")
                    .contains("autoscaler.fleet.engine-jar");
        });
        http.send("DELETE", COLLECTION + "/nojar", null);
    }

    @Test
    void objectsOutliveARestart() throws Exception {
        http.send("POST", COLLECTION, body("durable", "APA", "120", "10"));
        try (ConfigurableApplicationContext second = AutoscalerApplication.application().run(arguments())) {
            Http.Response read = new Http(URI.create("http://127.0.0.1:" + port(second)), null)
                    .send("GET", COLLECTION + "/durable", null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().at("/spec/scalingStrategy").asText()).isEqualTo("APA");
        }
        http.send("DELETE", COLLECTION + "/durable", null);
    }
}
