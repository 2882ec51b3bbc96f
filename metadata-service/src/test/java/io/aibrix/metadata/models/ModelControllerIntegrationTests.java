package io.aibrix.metadata.models;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ModelController}. */
class ModelControllerIntegrationTests extends MetadataIntegrationTest {

    @Test
    void createsReadsListsReplacesAndDeletesAModel() {
        Api.Response created = api.admin("POST", "/admin/v1/models", """
                {"name":"llama3-8b","engineType":"vllm","baseModel":"meta-llama/Llama-3.1-8B-Instruct",
                 "maxModelLen":8192,"labels":{"tier":"gold"}}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/admin/v1/models/llama3-8b");
        assertThat(created.json().path("engineType").asText()).isEqualTo("vllm");
        assertThat(created.json().path("maxModelLen").asInt()).isEqualTo(8192);
        assertThat(created.json().path("labels").path("tier").asText()).isEqualTo("gold");
        assertThat(created.json().path("createdAt").asText()).isEqualTo("2025-06-01T00:00:00Z");

        assertThat(api.admin("GET", "/admin/v1/models/llama3-8b", null).json().path("baseModel").asText())
                .isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        model("alpha");
        assertThat(api.admin("GET", "/admin/v1/models", null).json().findValuesAsText("name"))
                .containsExactly("alpha", "llama3-8b");

        Api.Response replaced = api.admin("PUT", "/admin/v1/models/llama3-8b", "{\"maxModelLen\":4096}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("maxModelLen").asInt()).isEqualTo(4096);
        assertThat(replaced.json().path("engineType").asText()).isEqualTo("vllm");
        assertThat(replaced.json().path("baseModel").isNull()).isTrue();

        assertThat(api.admin("DELETE", "/admin/v1/models/llama3-8b", null).status()).isEqualTo(204);
        assertThat(api.admin("GET", "/admin/v1/models/llama3-8b", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"name":"-bad"}                                  | name        | '-bad'
            {"name":"a b"}                                   | name        | 'a b'
            {}                                               | name        | null
            {"name":"m","maxModelLen":-1}                    | maxModelLen | -1
            {"name":"m","maxModelLen":0}                     | maxModelLen | 0
            {"name":"m","engineType":"VLLM"}                 | engineType  | 'VLLM'
            {"name":"m","baseModel":""}                      | baseModel   | ''
            {"name":"m","maxModelLen":"long"}                | maxModelLen | 'long'
            {"name":"m","rmp":1}                             | rmp         | null
            """)
    void refusesAnInvalidModelWithABadRequestNamingTheFieldAndValue(String body, String field, String value) {
        Api.Response response = api.admin("POST", "/admin/v1/models", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.detail()).startsWith("Field '" + field + "'").contains("(rejected value: " + value + ")");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.json().path("instance").asText()).isEqualTo("/admin/v1/models");
    }

    @Test
    void refusesMalformedJsonWithABadRequest() {
        Api.Response response = api.admin("POST", "/admin/v1/models", "{\"name\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).startsWith("Malformed JSON");
    }

    @Test
    void refusesADuplicateNameIncludingAnAdapterName() {
        model("llama");
        adapter("sql-lora", "llama");

        Api.Response duplicate = api.admin("POST", "/admin/v1/models", "{\"name\":\"llama\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).isEqualTo("A model named 'llama' already exists");

        Api.Response clash = api.admin("POST", "/admin/v1/models", "{\"name\":\"sql-lora\"}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.detail()).isEqualTo("A LoRA adapter named 'sql-lora' already exists");
    }

    @Test
    void answersNotFoundForAnUnknownModel() {
        for (String method : new String[] {"GET", "DELETE"}) {
            Api.Response response = api.admin(method, "/admin/v1/models/ghost", null);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.detail()).isEqualTo("Model 'ghost' does not exist");
        }
        assertThat(api.admin("PUT", "/admin/v1/models/ghost", "{}").status()).isEqualTo(404);
    }

    @Test
    void refusesToDeleteAModelThatAdaptersAreBuiltOn() {
        model("llama");
        adapter("sql-lora", "llama");

        Api.Response response = api.admin("DELETE", "/admin/v1/models/llama", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.detail()).contains("base model of LoRA adapters [sql-lora]");
        assertThat(api.admin("GET", "/admin/v1/models/llama", null).status()).isEqualTo(200);
    }
}
