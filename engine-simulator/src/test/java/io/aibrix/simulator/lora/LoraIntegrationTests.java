package io.aibrix.simulator.lora;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.MetricsPage;
import io.aibrix.simulator.support.SseStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for vLLM's runtime LoRA surface: load and unload endpoints with their exact answers, adapter model cards,
 * requests served under an adapter's name, and {@code vllm:lora_requests_info}.
 */
class LoraIntegrationTests {

    private static final String LOAD = "/v1/load_lora_adapter";
    private static final String UNLOAD = "/v1/unload_lora_adapter";

    @TempDir
    static Path adapterDir;

    private static SimulatedEngine engine;
    private static SimulatedEngine slowEngine;
    private static EngineClient client;
    private static EngineClient slowClient;

    @BeforeAll
    static void startEngines() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero",
                "simulator.lora.adapters.preloaded", "org/preloaded-lora"));
        slowEngine = SimulatedEngine.start(Map.of("simulator.profile", "llama3-8b-a100"));
        client = EngineClient.of(engine);
        slowClient = EngineClient.of(slowEngine);
    }

    @AfterAll
    static void stopEngines() {
        engine.close();
        slowEngine.close();
    }

    @Test
    void loadsAnAdapterAndListsItUnderTheBaseModel() {
        String path = adapterDir.toString();
        HttpResponse<String> response = client.post(LOAD, load("listed", path));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("Success: LoRA adapter 'listed' added successfully.");

        JsonNode card = card("listed");
        assertThat(card).isNotNull();
        assertThat(card.get("object").asText()).isEqualTo("model");
        assertThat(card.get("owned_by").asText()).isEqualTo("vllm");
        assertThat(card.get("parent").asText()).isEqualTo("llama3-8b");
        assertThat(card.get("root").asText()).isEqualTo(path);
        JsonNode base = card("llama3-8b");
        assertThat(base.get("parent").isNull()).isTrue();
        assertThat(base.get("root").asText()).isEqualTo("llama3-8b");
        assertThat(base.get("max_model_len").asInt()).isEqualTo(8192);
        assertThat(modelIds().get(0)).isEqualTo("llama3-8b");
    }

    @Test
    void rejectsLoadingTheSameAdapterTwice() {
        assertThat(client.post(LOAD, load("twice", "org/twice")).statusCode()).isEqualTo(200);

        HttpResponse<String> again = client.post(LOAD, load("twice", "org/twice"));

        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode error = error(again);
        assertThat(error.get("type").asText()).isEqualTo("InvalidUserInput");
        assertThat(error.get("message").asText()).contains("'twice'").contains("already been loaded");
        assertThat(modelIds()).containsOnlyOnce("twice");
    }

    @Test
    void rejectsLoadWithoutNameOrPath() {
        for (String body : List.of("{\"lora_path\": \"org/x\"}", "{\"lora_name\": \"x\"}",
                "{\"lora_name\": \"\", \"lora_path\": \"org/x\"}", "{}")) {
            HttpResponse<String> response = client.post(LOAD, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(error(response).get("type").asText()).as(body).isEqualTo("InvalidUserInput");
        }
        assertThat(modelIds()).doesNotContain("x", "");
    }

    @Test
    void answersNotFoundForAnAbsolutePathThatDoesNotExist() {
        String missing = adapterDir.resolve("no-such-adapter").toString();

        HttpResponse<String> response = client.post(LOAD, load("missing", missing));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("NotFoundError");
        assertThat(error.get("message").asText()).contains(missing);
        assertThat(modelIds()).doesNotContain("missing");
    }

    @Test
    void answersNotFoundWhenUnloadingAnUnknownAdapter() {
        HttpResponse<String> response = client.post(UNLOAD, "{\"lora_name\": \"never-loaded\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("NotFoundError");
        assertThat(error.get("message").asText()).contains("'never-loaded'");
    }

    @Test
    void rejectsUnloadWithoutName() {
        HttpResponse<String> response = client.post(UNLOAD, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("type").asText()).isEqualTo("InvalidUserInput");
    }

    @Test
    void servesRequestsUnderTheAdapterName() {
        assertThat(client.post(LOAD, load("served", "org/served")).statusCode()).isEqualTo(200);

        HttpResponse<String> chat = client.post("/v1/chat/completions", """
                {"model": "served", "messages": [{"role": "user", "content": "hello adapter"}], "max_tokens": 3,
                 "ignore_eos": true}""");
        HttpResponse<String> completion = client.post("/v1/completions", """
                {"model": "served", "prompt": "hello adapter", "max_tokens": 3, "ignore_eos": true}""");

        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(EngineClient.json(chat).get("model").asText()).isEqualTo("served");
        assertThat(EngineClient.json(chat).at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(completion.statusCode()).isEqualTo(200);
        assertThat(EngineClient.json(completion).get("model").asText()).isEqualTo("served");
        // Adapter traffic is counted under the served base model, as vLLM does.
        assertThat(client.metrics().samples("vllm:request_success_total")).allSatisfy(
                sample -> assertThat(sample.label("model_name")).isEqualTo("llama3-8b"));
    }

    @Test
    void streamsUnderTheAdapterName() {
        client.post(LOAD, load("streamed", "org/streamed"));

        HttpResponse<String> response = client.post("/v1/chat/completions", """
                {"model": "streamed", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2,
                 "ignore_eos": true, "stream": true}""");

        assertThat(response.statusCode()).isEqualTo(200);
        for (String frame : response.body().split("\n\n")) {
            String payload = frame.substring("data: ".length());
            if (!payload.equals("[DONE]")) {
                assertThat(EngineClient.json(payload).get("model").asText()).isEqualTo("streamed");
            }
        }
    }

    @Test
    void unloadsAnAdapterSoItIsGoneAndRequestsForItAreNotFound() {
        assertThat(client.post(LOAD, load("temporary", "org/temporary")).statusCode()).isEqualTo(200);
        assertThat(client.post("/v1/completions", "{\"model\": \"temporary\", \"prompt\": \"hi\", \"max_tokens\": 1}")
                .statusCode()).isEqualTo(200);

        HttpResponse<String> unload = client.post(UNLOAD, "{\"lora_name\": \"temporary\"}");

        assertThat(unload.statusCode()).isEqualTo(200);
        assertThat(unload.body()).isEqualTo("Success: LoRA adapter 'temporary' removed successfully.");
        assertThat(modelIds()).doesNotContain("temporary");
        HttpResponse<String> after = client.post("/v1/completions",
                "{\"model\": \"temporary\", \"prompt\": \"hi\", \"max_tokens\": 1}");
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(error(after).get("message").asText()).isEqualTo("The model `temporary` does not exist.");
        assertThat(client.post(UNLOAD, "{\"lora_name\": \"temporary\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void servesAdaptersPreloadedFromConfiguration() {
        JsonNode card = card("preloaded");

        assertThat(card).isNotNull();
        assertThat(card.get("parent").asText()).isEqualTo("llama3-8b");
        assertThat(card.get("root").asText()).isEqualTo("org/preloaded-lora");
        HttpResponse<String> chat = client.post("/v1/chat/completions", """
                {"model": "preloaded", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}""");
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(EngineClient.json(chat).get("model").asText()).isEqualTo("preloaded");
    }

    @Test
    void reportsMaxLoraInLoraRequestsInfo() {
        MetricsPage page = client.metrics();

        assertThat(page.types()).containsEntry("vllm:lora_requests_info", "gauge");
        assertThat(page.samples("vllm:lora_requests_info")).isNotEmpty().allSatisfy(sample -> {
            assertThat(sample.labels()).containsOnlyKeys("max_lora", "waiting_lora_adapters",
                    "running_lora_adapters");
            assertThat(sample.label("max_lora")).isEqualTo("1");
        });
    }

    @Test
    void reportsTheRunningAdapterInLoraRequestsInfoWhileItGenerates() throws IOException {
        assertThat(slowClient.post(LOAD, load("slow", "org/slow")).statusCode()).isEqualTo(200);
        double idleAt = latest(slowClient.metrics()).value();

        try (SseStream stream = slowClient.postStream("/v1/chat/completions", """
                {"model": "slow", "messages": [{"role": "user", "content": "take your time"}], "max_tokens": 2000,
                 "ignore_eos": true, "stream": true}""")) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.next()).contains("\"role\":\"assistant\"");
            assertThat(stream.next()).contains("\"content\"");

            MetricsPage page = slowClient.metrics();

            MetricsPage.Sample current = latest(page);
            assertThat(current.label("running_lora_adapters")).isEqualTo("slow");
            assertThat(current.label("waiting_lora_adapters")).isEmpty();
            assertThat(current.label("max_lora")).isEqualTo("1");
            assertThat(current.value()).isGreaterThanOrEqualTo(idleAt);
            assertThat(page.value("vllm:num_requests_running")).isEqualTo(1.0);
        }
        // Leaving the stream aborts the request; the adapter set goes back to empty.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(latest(slowClient.metrics()).label("running_lora_adapters")).isEmpty());
    }

    /** The {@code lora_requests_info} series updated last (vLLM keeps stale label sets as older series). */
    private static MetricsPage.Sample latest(MetricsPage page) {
        return page.samples("vllm:lora_requests_info").stream()
                .max(Comparator.comparingDouble(MetricsPage.Sample::value))
                .orElseThrow(() -> new AssertionError("no vllm:lora_requests_info in\n" + page.text()));
    }

    private static String load(String name, String path) {
        return "{\"lora_name\": \"" + name + "\", \"lora_path\": \"" + path.replace("\\", "\\\\") + "\"}";
    }

    private static JsonNode models() {
        HttpResponse<String> response = client.get("/v1/models");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EngineClient.json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        return body.get("data");
    }

    private static List<String> modelIds() {
        List<String> ids = new ArrayList<>();
        models().forEach(card -> ids.add(card.get("id").asText()));
        return ids;
    }

    private static JsonNode card(String id) {
        for (JsonNode card : models()) {
            if (card.get("id").asText().equals(id)) {
                return card;
            }
        }
        return null;
    }

    private static JsonNode error(HttpResponse<String> response) {
        JsonNode error = EngineClient.json(response).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asInt()).isEqualTo(response.statusCode());
        assertThat(error.get("param").isNull()).isTrue();
        return error;
    }
}
