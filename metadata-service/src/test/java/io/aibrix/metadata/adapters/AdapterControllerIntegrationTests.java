package io.aibrix.metadata.adapters;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link AdapterController}: the adapters' desired state. */
class AdapterControllerIntegrationTests extends MetadataIntegrationTest {

    @BeforeEach
    void baseModel() {
        model("llama");
    }

    @Test
    void createsAnAdapterPendingAtGenerationOne() {
        Api.Response created = api.admin("POST", "/admin/v1/adapters", """
                {"name":"sql-lora","baseModel":"llama","artifactUrl":"hf://yard1/llama-2-7b-sql-lora-test",
                 "podSelector":{"adapter.model.aibrix.ai/enabled":"true"},"replicas":2,"schedulingPolicy":"bin-pack"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/admin/v1/adapters/sql-lora");
        assertThat(created.json().path("podSelector").path("adapter.model.aibrix.ai/enabled").asText())
                .isEqualTo("true");
        assertThat(created.json().path("replicas").asInt()).isEqualTo(2);
        assertThat(created.json().path("schedulingPolicy").asText()).isEqualTo("bin-pack");
        assertThat(created.json().path("generation").asLong()).isEqualTo(1);
        assertThat(created.json().path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(created.json().path("status").path("instances")).isEmpty();
        assertThat(created.json().path("status").path("lastError").isNull()).isTrue();
    }

    @Test
    void defaultsToAllCandidatesWithTheLeastAdaptersPolicy() {
        Api.Response created = api.admin("POST", "/admin/v1/adapters",
                "{\"name\":\"a1\",\"baseModel\":\"llama\",\"artifactUrl\":\"/models/a1\"}");

        assertThat(created.json().path("replicas").isNull()).isTrue();
        assertThat(created.json().path("schedulingPolicy").asText()).isEqualTo("least-adapters");
        assertThat(created.json().path("podSelector")).isEmpty();
    }

    @Test
    void listsFiltersReplacesAndDeletesAdapters() {
        model("mistral");
        adapter("b-lora", "llama");
        adapter("a-lora", "llama");
        adapter("m-lora", "mistral");
        api.admin("PATCH", "/admin/v1/adapters/b-lora/status", "{\"phase\":\"Scheduled\"}");

        assertThat(api.admin("GET", "/admin/v1/adapters", null).json().findValuesAsText("name"))
                .containsExactly("a-lora", "b-lora", "m-lora");
        assertThat(api.admin("GET", "/admin/v1/adapters?baseModel=llama", null).json().findValuesAsText("name"))
                .containsExactly("a-lora", "b-lora");
        assertThat(api.admin("GET", "/admin/v1/adapters?phase=Scheduled", null).json().findValuesAsText("name"))
                .containsExactly("b-lora");
        Api.Response badPhase = api.admin("GET", "/admin/v1/adapters?phase=Dancing", null);
        assertThat(badPhase.status()).isEqualTo(400);
        assertThat(badPhase.detail()).startsWith("Field 'phase' must be one of Pending, Scheduled");

        Api.Response replaced = api.admin("PUT", "/admin/v1/adapters/a-lora",
                "{\"baseModel\":\"mistral\",\"artifactUrl\":\"s3://adapters/a-lora-v2\",\"replicas\":1}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("generation").asLong()).isEqualTo(2);
        assertThat(replaced.json().path("baseModel").asText()).isEqualTo("mistral");
        assertThat(api.admin("GET", "/admin/v1/adapters/a-lora", null).json().path("artifactUrl").asText())
                .isEqualTo("s3://adapters/a-lora-v2");

        assertThat(api.admin("DELETE", "/admin/v1/adapters/a-lora", null).status()).isEqualTo(204);
        assertThat(api.admin("GET", "/admin/v1/adapters/a-lora", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"name":"x","baseModel":"ghost","artifactUrl":"s3://adapters/k"}                        | baseModel        | 'ghost'
            {"name":"x","artifactUrl":"s3://adapters/k"}                                            | baseModel        | null
            {"name":"x","baseModel":"llama","artifactUrl":"ftp://host/x"}                    | artifactUrl      | 'ftp://host/x'
            {"name":"x","baseModel":"llama","artifactUrl":"relative/path"}                   | artifactUrl      | 'relative/path'
            {"name":"x","baseModel":"llama","artifactUrl":"s3://bucket"}                     | artifactUrl      | 's3://bucket'
            {"name":"x","baseModel":"llama"}                                                 | artifactUrl      | null
            {"name":"x","baseModel":"llama","artifactUrl":"s3://adapters/k","replicas":0}           | replicas         | 0
            {"name":"x","baseModel":"llama","artifactUrl":"s3://adapters/k","schedulingPolicy":"x"} | schedulingPolicy | 'x'
            {"name":"x_","baseModel":"llama","artifactUrl":"s3://adapters/k"}                       | name             | 'x_'
            {"name":"x","baseModel":"llama","artifactUrl":"s3://adapters/k","podSelector":{"a b":"c"}} | podSelector[a b]    | 'c'
            """)
    void refusesAnInvalidAdapterWithABadRequestNamingTheField(String body, String field, String value) {
        Api.Response response = api.admin("POST", "/admin/v1/adapters", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.detail()).startsWith("Field '" + field + "'").endsWith("(rejected value: " + value + ")");
    }

    @Test
    void refusesAnUnknownBaseModelOnReplaceToo() {
        adapter("sql-lora", "llama");

        Api.Response response = api.admin("PUT", "/admin/v1/adapters/sql-lora",
                "{\"baseModel\":\"ghost\",\"artifactUrl\":\"s3://adapters/k\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("Field 'baseModel' must name an existing model (rejected value:"
                + " 'ghost')");
    }

    @Test
    void refusesADuplicateNameIncludingAModelName() {
        adapter("sql-lora", "llama");

        Api.Response duplicate = api.admin("POST", "/admin/v1/adapters",
                "{\"name\":\"sql-lora\",\"baseModel\":\"llama\",\"artifactUrl\":\"s3://adapters/k\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).isEqualTo("A LoRA adapter named 'sql-lora' already exists");

        Api.Response clash = api.admin("POST", "/admin/v1/adapters",
                "{\"name\":\"llama\",\"baseModel\":\"llama\",\"artifactUrl\":\"s3://adapters/k\"}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.detail()).isEqualTo("A model named 'llama' already exists");
    }

    @Test
    void answersNotFoundForAnUnknownAdapter() {
        assertThat(api.admin("GET", "/admin/v1/adapters/ghost", null).detail())
                .isEqualTo("LoRA adapter 'ghost' does not exist");
        assertThat(api.admin("PUT", "/admin/v1/adapters/ghost", "{\"baseModel\":\"llama\",\"artifactUrl\":\"/x\"}")
                .status()).isEqualTo(404);
        assertThat(api.admin("DELETE", "/admin/v1/adapters/ghost", null).status()).isEqualTo(404);
        assertThat(api.admin("GET", "/admin/v1/adapters/ghost/status", null).status()).isEqualTo(404);
        assertThat(api.admin("PATCH", "/admin/v1/adapters/ghost/status", "{\"phase\":\"Scheduled\"}").status())
                .isEqualTo(404);
    }
}
