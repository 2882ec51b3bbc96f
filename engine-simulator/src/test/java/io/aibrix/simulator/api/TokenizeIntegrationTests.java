package io.aibrix.simulator.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@code /tokenize}, {@code /detokenize} and {@code /v1/embeddings}: the token ids a router sees are the
 * ones the engine schedules and bills, and embeddings are deterministic unit vectors.
 */
class TokenizeIntegrationTests {

    private static SimulatedEngine engine;
    private static EngineClient client;

    @BeforeAll
    static void startEngine() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        client = EngineClient.of(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void tokenizesAPromptAsOneTokenPerWordAfterBos() {
        JsonNode body = ok(client.post("/tokenize", """
                {"model": "llama3-8b", "prompt": "the quick  brown\\tfox jumps"}"""));

        assertThat(body.get("count").asInt()).isEqualTo(5 + 1);
        assertThat(body.get("tokens")).hasSize(6);
        assertThat(body.get("max_model_len").asInt()).isEqualTo(8192);
        List<Integer> ids = ids(body);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(0, 128_255));
    }

    @Test
    void tokenizesEqualWordsToEqualIds() {
        List<Integer> first = ids(ok(client.post("/tokenize", "{\"prompt\": \"alpha beta alpha\"}")));
        List<Integer> second = ids(ok(client.post("/tokenize", "{\"prompt\": \"beta\"}")));

        assertThat(first.get(1)).isEqualTo(first.get(3));
        assertThat(first.get(0)).isEqualTo(second.get(0));
        assertThat(first.get(2)).isEqualTo(second.get(1));
    }

    @Test
    void tokenizesMessagesThroughTheChatTemplate() {
        String messages = "[{\"role\": \"system\", \"content\": \"be brief\"},"
                + " {\"role\": \"user\", \"content\": \"hi there you\"}]";
        JsonNode withPrompt = ok(client.post("/tokenize", "{\"messages\": " + messages + "}"));
        JsonNode withoutPrompt = ok(client.post("/tokenize",
                "{\"messages\": " + messages + ", \"add_generation_prompt\": false}"));

        // BOS + (header: start, role, end) + content + eot per message; the generation prompt adds 3 more.
        int templated = 1 + (3 + 2 + 1) + (3 + 3 + 1);
        assertThat(withoutPrompt.get("count").asInt()).isEqualTo(templated);
        assertThat(withPrompt.get("count").asInt()).isEqualTo(templated + 3);
        assertThat(ids(withPrompt).subList(0, templated)).isEqualTo(ids(withoutPrompt));
        assertThat(withPrompt.get("max_model_len").asInt()).isEqualTo(8192);
    }

    @Test
    void billsChatPromptsAsTheTemplatedTokenCount() {
        String messages = "[{\"role\": \"user\", \"content\": \"count my tokens please\"}]";
        JsonNode tokenized = ok(client.post("/tokenize", "{\"messages\": " + messages + "}"));
        JsonNode chat = ok(client.post("/v1/chat/completions",
                "{\"messages\": " + messages + ", \"max_tokens\": 1}"));

        assertThat(chat.at("/usage/prompt_tokens").asInt()).isEqualTo(tokenized.get("count").asInt());
    }

    @Test
    void detokenizesBackToThePromptWords() {
        String prompt = "round trip these words";
        List<Integer> ids = ids(ok(client.post("/tokenize", "{\"prompt\": \"" + prompt + "\"}")));

        JsonNode words = ok(client.post("/detokenize", "{\"tokens\": " + ids.subList(1, ids.size()) + "}"));
        JsonNode withBos = ok(client.post("/detokenize", "{\"tokens\": " + ids + "}"));

        assertThat(words.get("prompt").asText()).isEqualTo(prompt);
        assertThat(withBos.get("prompt").asText()).isEqualTo("<|begin_of_text|> " + prompt);
    }

    @Test
    void detokenizesGeneratedText() {
        JsonNode completion = ok(client.post("/v1/completions",
                "{\"prompt\": \"generate something\", \"max_tokens\": 6, \"ignore_eos\": true}"));
        String text = completion.at("/choices/0/text").asText();
        List<Integer> ids = ids(ok(client.post("/tokenize", "{\"prompt\": \"" + text + "\"}")));

        JsonNode back = ok(client.post("/detokenize", "{\"tokens\": " + ids.subList(1, ids.size()) + "}"));

        assertThat(ids).hasSize(1 + 6);
        assertThat(back.get("prompt").asText()).isEqualTo(text);
    }

    @Test
    void reportsTheTokenizedLengthAsPromptTokens() {
        String prompt = "how many tokens does this prompt have";
        JsonNode tokenized = ok(client.post("/tokenize", "{\"prompt\": \"" + prompt + "\"}"));
        JsonNode completion = ok(client.post("/v1/completions",
                "{\"prompt\": \"" + prompt + "\", \"max_tokens\": 1}"));
        JsonNode fromIds = ok(client.post("/v1/completions",
                "{\"prompt\": " + tokenized.get("tokens") + ", \"max_tokens\": 1}"));

        assertThat(completion.at("/usage/prompt_tokens").asInt()).isEqualTo(tokenized.get("count").asInt())
                .isEqualTo(8);
        assertThat(fromIds.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
        // Same ids, same prompt: the reply is the same too.
        assertThat(fromIds.at("/choices/0/text").asText()).isEqualTo(completion.at("/choices/0/text").asText());
    }

    @Test
    void answersUnknownModelOnTokenizeWithNotFound() {
        HttpResponse<String> response = client.post("/tokenize", "{\"model\": \"nope\", \"prompt\": \"hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(EngineClient.json(response).at("/error/message").asText())
                .isEqualTo("The model `nope` does not exist.");
    }

    @Test
    void embedsInputAsADeterministicUnitVector() {
        JsonNode first = ok(client.post("/v1/embeddings", "{\"model\": \"llama3-8b\", \"input\": \"embed me\"}"));
        JsonNode again = ok(client.post("/v1/embeddings", "{\"input\": [\"embed me\"]}"));
        JsonNode other = ok(client.post("/v1/embeddings", "{\"input\": \"embed you\"}"));

        assertThat(first.get("object").asText()).isEqualTo("list");
        assertThat(first.get("id").asText()).startsWith("embd-");
        assertThat(first.get("model").asText()).isEqualTo("llama3-8b");
        assertThat(first.get("data")).hasSize(1);
        JsonNode item = first.at("/data/0");
        assertThat(item.get("object").asText()).isEqualTo("embedding");
        assertThat(item.get("index").asInt()).isZero();
        double[] vector = vector(first);
        assertThat(vector).hasSize(1024);
        double norm = 0;
        for (double v : vector) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-9));
        assertThat(vector(again)).containsExactly(vector);
        assertThat(vector(other)).isNotEqualTo(vector);
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(first.at("/usage/total_tokens").asInt()).isEqualTo(3);
    }

    private static double[] vector(JsonNode body) {
        JsonNode embedding = body.at("/data/0/embedding");
        double[] vector = new double[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            assertThat(embedding.get(i).isNumber()).isTrue();
            vector[i] = embedding.get(i).asDouble();
        }
        return vector;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return EngineClient.json(response);
    }

    private static List<Integer> ids(JsonNode body) {
        List<Integer> ids = new ArrayList<>();
        body.get("tokens").forEach(id -> ids.add(id.asInt()));
        return ids;
    }
}
