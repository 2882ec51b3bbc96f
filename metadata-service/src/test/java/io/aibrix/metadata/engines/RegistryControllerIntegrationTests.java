package io.aibrix.metadata.engines;

import java.time.Duration;
import java.util.Map;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RegistryController}: the contract the gateway's {@code MetadataEndpointSource} reads
 * (docs/metadata-registry-contract.md).
 */
class RegistryControllerIntegrationTests extends MetadataIntegrationTest {

    private static final String PATH = "/v1/registry/endpoints";

    @Test
    void servesEveryLiveEngineWithItsModelsAndLoadedAdaptersWithoutAToken() {
        adapter("sql-lora", model("llama"));
        api.internal("PUT", "/internal/v1/engines/engine-1",
                "{\"host\":\"10.0.0.2\",\"port\":8000,\"ready\":false,\"models\":[\"llama\"]}");
        api.internal("PUT", "/internal/v1/engines/engine-0",
                "{\"host\":\"10.0.0.1\",\"port\":8000,\"metricsPort\":9090,\"role\":\"decode\",\"models\":[\"llama\"],"
                        + "\"labels\":{\"zone\":\"a\",\"adapter.model.aibrix.ai/enabled\":\"true\"}}");
        api.admin("PATCH", "/admin/v1/adapters/sql-lora/status", "{\"phase\":\"Scheduled\"}");
        api.admin("PATCH", "/admin/v1/adapters/sql-lora/status", "{\"phase\":\"Loading\",\"instances\":[\"engine-0\"]}");

        Api.Response response = api.send("GET", PATH, null, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        String version = response.json().path("version").asText();
        assertThat(response.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(response.json().path("endpoints").toString()).isEqualTo("["
                + "{\"name\":\"engine-0\",\"host\":\"10.0.0.1\",\"port\":8000,\"metricsPort\":9090,\"role\":\"decode\","
                + "\"ready\":true,\"models\":[\"llama\",\"sql-lora\"],"
                + "\"labels\":{\"adapter.model.aibrix.ai/enabled\":\"true\",\"zone\":\"a\"}},"
                + "{\"name\":\"engine-1\",\"host\":\"10.0.0.2\",\"port\":8000,\"metricsPort\":null,\"role\":null,"
                + "\"ready\":false,\"models\":[\"llama\"],\"labels\":{}}]");
    }

    @Test
    void answersNotModifiedForTheCurrentEtagAndANewVersionAfterAChange() {
        api.internal("PUT", "/internal/v1/engines/engine-0", "{\"host\":\"10.0.0.1\",\"port\":8000,\"models\":[\"a\"]}");
        String etag = api.send("GET", PATH, null, Map.of()).header("ETag");

        clock.advance(Duration.ofSeconds(10));
        api.internal("POST", "/internal/v1/engines/engine-0/heartbeat", null);
        Api.Response unchanged = api.send("GET", PATH, null, Map.of("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
        assertThat(unchanged.raw().body()).isEmpty();

        api.internal("PUT", "/internal/v1/engines/engine-0", "{\"host\":\"10.0.0.1\",\"port\":8000,\"models\":[\"b\"]}");
        Api.Response changed = api.send("GET", PATH, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void dropsAnEngineFromTheDocumentWhenItExpires() {
        api.internal("PUT", "/internal/v1/engines/engine-0", "{\"host\":\"10.0.0.1\",\"port\":8000,\"models\":[\"a\"]}");
        String etag = api.send("GET", PATH, null, Map.of()).header("ETag");

        clock.advance(Duration.ofSeconds(30));
        Api.Response expired = api.send("GET", PATH, null, Map.of("If-None-Match", etag));

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().path("endpoints")).isEmpty();
    }
}
