package io.aibrix.metadata.engines;

import java.time.Duration;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link EngineController} and the registry's expiry ({@code metadata.engines.ttl=30s}). */
class EngineControllerIntegrationTests extends MetadataIntegrationTest {

    private static final String ENGINE_0 = "{\"host\":\"10.0.0.1\",\"port\":8000,\"models\":[\"llama\"]}";

    @Autowired
    private EngineService engines;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void registersAnEngineThenReplacesItsEntry() {
        Api.Response created = api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/internal/v1/engines/engine-0");
        assertThat(created.json().path("ready").asBoolean()).isTrue();
        assertThat(created.json().path("labels")).isEmpty();
        assertThat(created.json().path("expiresAt").asText()).isEqualTo("2025-06-01T00:00:30Z");

        Api.Response replaced = api.internal("PUT", "/internal/v1/engines/engine-0",
                "{\"host\":\"10.0.0.1\",\"port\":8000,\"metricsPort\":9000,\"role\":\"prefill\",\"ready\":false,"
                        + "\"models\":[\"llama\",\"sql-lora\"],\"labels\":{\"zone\":\"b\",\"gpu\":\"a100\"}}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("labels").toString()).isEqualTo("{\"gpu\":\"a100\",\"zone\":\"b\"}");
        assertThat(replaced.json().path("role").asText()).isEqualTo("prefill");
        assertThat(replaced.json().path("metricsPort").asInt()).isEqualTo(9000);
        assertThat(api.internal("GET", "/internal/v1/engines/engine-0", null).json().path("models").toString())
                .isEqualTo("[\"llama\",\"sql-lora\"]");
        assertThat(api.admin("GET", "/internal/v1/engines", null).json().findValuesAsText("name"))
                .containsExactly("engine-0");
    }

    @Test
    void keepsAnEngineAliveWithHeartbeatsAndExpiresItWithoutThem() {
        api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0);
        clock.advance(Duration.ofSeconds(20));
        Api.Response heartbeat = api.internal("POST", "/internal/v1/engines/engine-0/heartbeat", null);
        assertThat(heartbeat.status()).isEqualTo(200);
        assertThat(heartbeat.json().path("expiresAt").asText()).isEqualTo("2025-06-01T00:00:50Z");

        clock.advance(Duration.ofSeconds(29));
        assertThat(api.internal("GET", "/internal/v1/engines/engine-0", null).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        Api.Response expired = api.internal("GET", "/internal/v1/engines/engine-0", null);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.detail()).contains("register it again");
        assertThat(api.internal("GET", "/internal/v1/engines", null).json()).isEmpty();
        assertThat(api.internal("POST", "/internal/v1/engines/engine-0/heartbeat", null).status()).isEqualTo(404);

        assertThat(api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0).status()).isEqualTo(201);
    }

    @Test
    void purgesTheRowsOfExpiredEnginesOnly() {
        api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0);
        clock.advance(Duration.ofSeconds(20));
        api.internal("PUT", "/internal/v1/engines/engine-1", "{\"host\":\"10.0.0.2\",\"port\":8000,\"models\":[]}");
        clock.advance(Duration.ofSeconds(15));

        assertThat(engines.purgeExpired()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT name FROM engines", String.class)).containsExactly("engine-1");
    }

    @Test
    void deregistersAnEngine() {
        api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0);

        assertThat(api.internal("DELETE", "/internal/v1/engines/engine-0", null).status()).isEqualTo(204);
        assertThat(api.internal("DELETE", "/internal/v1/engines/engine-0", null).status()).isEqualTo(404);
        assertThat(api.internal("GET", "/internal/v1/engines/engine-0", null).status()).isEqualTo(404);
    }

    @Test
    void refusesASecondEngineAtTheSameAddressWithAConflictUntilTheFirstExpires() {
        api.internal("PUT", "/internal/v1/engines/engine-0", ENGINE_0);

        Api.Response response = api.internal("PUT", "/internal/v1/engines/engine-9", ENGINE_0);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.detail()).isEqualTo("Engine 'engine-0' is already registered at 10.0.0.1:8000");

        clock.advance(Duration.ofSeconds(30));
        assertThat(api.internal("PUT", "/internal/v1/engines/engine-9", ENGINE_0).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"port":8000,"models":[]}                                  | host        | null
            {"host":"http://x","port":8000,"models":[]}                | host        | 'http://x'
            {"host":"x","port":0,"models":[]}                          | port        | 0
            {"host":"x","port":70000,"models":[]}                      | port        | 70000
            {"host":"x","port":8000,"metricsPort":-1,"models":[]}      | metricsPort | -1
            {"host":"x","port":8000,"role":"both","models":[]}         | role        | 'both'
            {"host":"x","port":8000}                                   | models      | null
            {"host":"x","port":8000,"models":[" "]}                    | models[0]   | ' '
            {"host":"x","port":8000,"models":[],"labels":{"a b":"c"}}  | labels[a b] | 'c'
            {"host":"x","port":8000,"models":[],"labels":{"k":"-v"}}   | labels[k]   | '-v'
            """)
    void refusesAnInvalidRegistrationWithABadRequestNamingTheField(String body, String field, String value) {
        Api.Response response = api.internal("PUT", "/internal/v1/engines/engine-0", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.detail()).startsWith("Field '" + field + "'").endsWith("(rejected value: " + value + ")");
    }
}
