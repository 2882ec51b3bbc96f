package io.aibrix.gateway.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.MetadataService;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for API-key authentication ({@link Authenticator}, {@link MetadataKeyClient}) through the whole gateway,
 * against the real metadata-service on a real PostgreSQL and a simulated engine.
 */
class ApiKeyIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final Duration CACHE_TTL = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "zero")
            .build();

    private static MetadataService metadata;
    private static RunningGateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void start() {
        metadata = MetadataService.shared();
        gateway = RunningGateway.start(authenticated(metadata.baseUri().toString()));
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Map<String, String> authenticated(String metadataUrl) {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.auth.metadata-url", metadataUrl);
        properties.put("gateway.auth.metadata-token", MetadataService.INTERNAL_TOKEN);
        properties.put("gateway.auth.cache-ttl", CACHE_TTL.toMillis() + "ms");
        properties.put("gateway.auth.negative-cache-ttl", CACHE_TTL.toMillis() + "ms");
        return properties;
    }

    @Test
    void servesARequestMadeWithANewlyCreatedKey() {
        metadata.createUser("key-owner", null, null);
        MetadataService.ApiKey key = metadata.createKey("key-owner");

        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "hello", false, 4),
                "Authorization", key.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void refusesARequestWithoutAKeyWith401InvalidApiKey() {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "hello", false, 4));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.get("type").asText()).isEqualTo("authentication_error");
        assertThat(error.get("param").asText()).isEqualTo("api_key");
        assertThat(error.get("message").asText()).startsWith("You didn't provide an API key.");
    }

    @Test
    void refusesAnUnknownKeyWith401IncorrectApiKey() {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "hello", false, 4),
                "Authorization", "Bearer sk-aibrix-this-key-does-not-exist");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.get("message").asText()).isEqualTo("Incorrect API key provided: sk-aibri***xist.");
    }

    @Test
    void refusesARevokedKeyWithinTheCacheTtl() throws Exception {
        metadata.createUser("revoked-owner", null, null);
        MetadataService.ApiKey key = metadata.createKey("revoked-owner");
        assertThat(client.post("/v1/chat/completions", chat(MODEL, "hello", false, 4), "Authorization",
                key.bearer()).statusCode()).isEqualTo(200);

        metadata.revokeKey("revoked-owner", key.id());
        long revokedAt = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < CACHE_TTL.multipliedBy(3).toNanos()) {
            status = client.post("/v1/chat/completions", chat(MODEL, "hello", false, 4), "Authorization",
                    key.bearer()).statusCode();
            Thread.sleep(20);
        }
        Duration takenEffect = Duration.ofNanos(System.nanoTime() - revokedAt);

        assertThat(status).isEqualTo(401);
        // Bounded by the cache TTL plus one lookup and one request, with room for a loaded machine.
        assertThat(takenEffect).isLessThanOrEqualTo(CACHE_TTL.plusSeconds(1));
    }

    @Test
    void theKeysUserIsTheOnlyIdentityFairnessSees() {
        metadata.createUser("fair-user", null, null);
        MetadataService.ApiKey key = metadata.createKey("fair-user");
        for (int i = 0; i < 3; i++) {
            String body = chat(MODEL, "hello", false, 4).replace("{\"model\"", "{\"user\":\"body-" + i + "\",\"model\"");
            assertThat(client.post("/v1/chat/completions", body, "Authorization", key.bearer(), "routing-strategy",
                    "vtc-basic", "user", "header-" + i).statusCode()).isEqualTo(200);
        }

        double tracked = gateway.bean(MeterRegistry.class).get("gateway.routing.vtc.tracked.users").gauge().value();
        assertThat(tracked).isEqualTo(1);
    }

    @Test
    void answers503NotA500WhenMetadataServiceIsUnreachable() {
        try (RunningGateway orphan = RunningGateway.start(authenticated("http://127.0.0.1:"
                + MetadataService.freePort()))) {
            HttpResponse<String> response = new GatewayClient(orphan.baseUri()).post("/v1/chat/completions",
                    chat(MODEL, "hello", false, 4), "Authorization", "Bearer sk-aibrix-any-key-at-all");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            assertThat(json(response).at("/error/code").asText()).isEqualTo("service_unavailable");
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
