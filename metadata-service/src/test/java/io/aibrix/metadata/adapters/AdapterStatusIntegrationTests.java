package io.aibrix.metadata.adapters;

import java.time.Duration;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the status sub-resource of {@link AdapterController}, as lora-manager uses it. */
class AdapterStatusIntegrationTests extends MetadataIntegrationTest {

    private static final String STATUS = "/admin/v1/adapters/sql-lora/status";

    @BeforeEach
    void adapter() {
        adapter("sql-lora", model("llama"));
    }

    @Test
    void followsTheLifecycleFromPendingToRunning() {
        assertThat(api.admin("PATCH", STATUS, "{\"phase\":\"Scheduled\",\"conditions\":[{\"type\":\"Scheduled\","
                + "\"status\":\"True\",\"reason\":\"CandidatesSelected\",\"message\":\"engine-0, engine-1\"}]}")
                .status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));
        assertThat(api.admin("PATCH", STATUS, "{\"phase\":\"Loading\"}").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));

        Api.Response running = api.admin("PUT", STATUS, """
                {"phase":"Running","instances":["engine-0","engine-1","engine-0"],"observedGeneration":1,
                 "conditions":[{"type":"Scheduled","status":"True","reason":"CandidatesSelected"},
                               {"type":"Ready","status":"True","reason":"ModelAdapterAvailable"}]}""");

        assertThat(running.status()).isEqualTo(200);
        assertThat(running.json().path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(running.json().path("status").path("instances").toString()).isEqualTo("[\"engine-0\",\"engine-1\"]");
        assertThat(running.json().path("status").path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(running.json().path("status").path("updatedAt").asText()).isEqualTo("2025-06-01T00:00:10Z");
        // Scheduled stayed True: its transition time is kept; Ready is new: it gets the current time.
        assertThat(running.json().path("status").path("conditions").get(0).path("lastTransitionTime").asText())
                .isEqualTo("2025-06-01T00:00:00Z");
        assertThat(running.json().path("status").path("conditions").get(1).path("lastTransitionTime").asText())
                .isEqualTo("2025-06-01T00:00:10Z");
        assertThat(api.admin("GET", STATUS, null).json().path("phase").asText()).isEqualTo("Running");
    }

    @ParameterizedTest
    @CsvSource({
            "'', Running",
            "'', Loading",
            "Scheduled, Running",
            "Failed, Running",
            "Failed, Loading",
    })
    void refusesAnIllegalTransitionWithAConflictNamingBothPhases(String via, String to) {
        String from = "Pending";
        if (!via.isEmpty()) {
            api.admin("PATCH", STATUS, "{\"phase\":\"" + via + "\"}");
            from = via;
        }

        Api.Response response = api.admin("PATCH", STATUS, "{\"phase\":\"" + to + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.detail()).isEqualTo("LoRA adapter 'sql-lora' cannot move from phase " + from + " to " + to);
        assertThat(response.json().path("from").asText()).isEqualTo(from);
        assertThat(response.json().path("to").asText()).isEqualTo(to);
        assertThat(api.admin("GET", STATUS, null).json().path("phase").asText()).isEqualTo(from);
    }

    @Test
    void recordsAFailureWithItsErrorAndAllowsARetry() {
        api.admin("PATCH", STATUS, "{\"phase\":\"Scheduled\"}");
        api.admin("PATCH", STATUS, "{\"phase\":\"Loading\"}");

        Api.Response failed = api.admin("PATCH", STATUS, "{\"phase\":\"Failed\",\"lastError\":\"connection refused\","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"ModelAdapterLoadingError\"}]}");
        assertThat(failed.json().path("status").path("lastError").asText()).isEqualTo("connection refused");

        Api.Response retried = api.admin("PATCH", STATUS, "{\"phase\":\"Pending\"}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("status").path("lastError").asText()).isEqualTo("connection refused");
        assertThat(retried.json().path("status").path("conditions").get(0).path("reason").asText())
                .isEqualTo("ModelAdapterLoadingError");

        Api.Response cleared = api.admin("PATCH", STATUS, "{\"lastError\":\"\"}");
        assertThat(cleared.json().path("status").path("lastError").isNull()).isTrue();
        assertThat(cleared.json().path("status").path("phase").asText()).isEqualTo("Pending");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            PUT   | {"instances":["e0"]}                                                   | phase                   | null
            PATCH | {"phase":"Dancing"}                                                    | phase                   | 'Dancing'
            PATCH | {"instances":["bad name"]}                                             | instances[0]            | 'bad name'
            PATCH | {"observedGeneration":-1}                                              | observedGeneration      | -1
            PATCH | {"observedGeneration":7}                                               | observedGeneration      | 7
            PATCH | {"conditions":[{"type":"Ready","status":"Maybe","reason":"X"}]}        | conditions[0].status    | 'Maybe'
            PATCH | {"conditions":[{"type":"Ready","status":"True"}]}                      | conditions[0].reason    | null
            PATCH | {"conditions":[{"type":"Ready","status":"True","reason":"not camel"}]} | conditions[0].reason    | 'not camel'
            """)
    void refusesAnInvalidStatusWithABadRequestNamingTheField(String method, String body, String field,
            String value) {
        Api.Response response = api.admin(method, STATUS, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.detail()).startsWith("Field '" + field + "'").endsWith("(rejected value: " + value + ")");
    }
}
