package io.aibrix.metadata.openai;

import java.util.Map;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link OpenAiModelsController}. */
class OpenAiModelsControllerIntegrationTests extends MetadataIntegrationTest {

    @Test
    void listsBaseModelsAndOnlyTheAdaptersRunningSomewhere() {
        model("llama");
        model("mistral");
        adapter("sql-lora", "llama");
        adapter("chat-lora", "llama");
        for (String phase : new String[] {"Scheduled", "Loading", "Running"}) {
            api.admin("PATCH", "/admin/v1/adapters/sql-lora/status", "{\"phase\":\"" + phase + "\"}");
        }

        Api.Response response = api.send("GET", "/v1/models", null, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("object").asText()).isEqualTo("list");
        assertThat(response.json().path("data").findValuesAsText("id")).containsExactly("llama", "mistral",
                "sql-lora");
        assertThat(response.json().path("data").get(2).toString()).isEqualTo("{\"id\":\"sql-lora\",\"object\":\"model\","
                + "\"created\":1748736000,\"owned_by\":\"aibrix\",\"parent\":\"llama\"}");
        assertThat(response.json().path("data").get(0).has("parent")).isFalse();
    }
}
