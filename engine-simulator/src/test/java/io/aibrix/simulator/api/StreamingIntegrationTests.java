package io.aibrix.simulator.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the generating endpoints' responses: SSE framing byte for byte, vLLM's chunk sequence (role chunk, one
 * chunk per token, finish reason on the last, optional usage chunk), the non-streamed bodies, and how
 * {@code max_tokens}, {@code max_completion_tokens} and {@code ignore_eos} bound the output.
 */
class StreamingIntegrationTests {

    /** Only {@code data: <one-line JSON object>\n\n} frames, closed by {@code data: [DONE]\n\n}, nothing else. */
    private static final Pattern SSE_BODY = Pattern.compile("(?:data: \\{[^\\n]*\\}\\n\\n)+data: \\[DONE\\]\\n\\n");

    private static SimulatedEngine engine;
    private static SimulatedEngine eosEngine;
    private static EngineClient client;
    private static EngineClient eosClient;

    @BeforeAll
    static void startEngines() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        eosEngine = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.eos-mean-tokens", 2));
        client = EngineClient.of(engine);
        eosClient = EngineClient.of(eosEngine);
    }

    @AfterAll
    static void stopEngines() {
        engine.close();
        eosEngine.close();
    }

    @Test
    void framesChatStreamExactlyAsServerSentEvents() {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat("frame the stream", 5,
                ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).matches(SSE_BODY);
    }

    @Test
    void streamsChatAsRoleChunkThenOneChunkPerTokenThenUsage() {
        List<JsonNode> chunks = chunks(client.post("/v1/chat/completions", chat("tell me a story", 5,
                ", \"stream\": true, \"stream_options\": {\"include_usage\": true}")));

        assertThat(chunks).hasSize(1 + 5 + 1);
        String id = chunks.get(0).get("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("id").asText()).isEqualTo(id);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asText()).isEqualTo("llama3-8b");
            assertThat(chunk.get("created").isIntegralNumber()).isTrue();
        }

        JsonNode role = chunks.get(0).at("/choices/0");
        assertThat(role.get("index").asInt()).isZero();
        assertThat(role.get("delta")).isEqualTo(EngineClient.json("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(role.get("finish_reason").isNull()).isTrue();

        for (int i = 1; i <= 5; i++) {
            JsonNode choices = chunks.get(i).get("choices");
            assertThat(choices).hasSize(1);
            JsonNode delta = choices.get(0).get("delta");
            assertThat(delta.has("role")).isFalse();
            assertThat(delta.get("content").asText()).isNotBlank();
            String finish = i == 5 ? "length" : null;
            assertThat(choices.get(0).get("finish_reason").textValue()).as("chunk %d", i).isEqualTo(finish);
            assertThat(chunks.get(i).has("usage")).isFalse();
        }

        JsonNode usageChunk = chunks.get(6);
        assertThat(usageChunk.get("choices").isArray()).isTrue();
        assertThat(usageChunk.get("choices")).isEmpty();
        JsonNode usage = usageChunk.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").isInt()).isTrue();
    }

    @Test
    void sendsNoUsageChunkWithoutIncludeUsage() {
        HttpResponse<String> response = client.post("/v1/chat/completions",
                chat("no usage please", 5, ", \"stream\": true"));

        assertThat(response.body()).matches(SSE_BODY);
        List<JsonNode> chunks = chunks(response);
        assertThat(chunks).hasSize(1 + 5);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isFalse();
            assertThat(chunk.get("choices")).hasSize(1);
        });
    }

    @Test
    void streamsCompletionsAsTextCompletionChunksWithoutRoleChunk() {
        HttpResponse<String> response = client.post("/v1/completions", completion("once upon a time", 5,
                ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).matches(SSE_BODY);
        List<JsonNode> chunks = chunks(response);
        assertThat(chunks).hasSize(5 + 1);
        for (int i = 0; i < 5; i++) {
            JsonNode chunk = chunks.get(i);
            assertThat(chunk.get("id").asText()).startsWith("cmpl-");
            assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
            JsonNode choice = chunk.at("/choices/0");
            assertThat(choice.get("text").asText()).isNotBlank();
            assertThat(choice.get("finish_reason").textValue()).isEqualTo(i == 4 ? "length" : null);
        }
        JsonNode usage = chunks.get(5);
        assertThat(usage.get("object").asText()).isEqualTo("text_completion");
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").isInt()).isTrue();
    }

    @Test
    void streamsCompletionsWithoutUsageChunkByDefault() {
        List<JsonNode> chunks = chunks(client.post("/v1/completions",
                completion("once more", 5, ", \"stream\": true")));

        assertThat(chunks).hasSize(5);
        assertThat(chunks).noneSatisfy(chunk -> assertThat(chunk.has("usage")).isTrue());
    }

    @Test
    void answersNonStreamedChatAsOneChatCompletion() {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat("what is up", 5, ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = EngineClient.json(response);
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("llama3-8b");
        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.at("/choices/0");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.at("/message/content").asText().split(" ")).hasSize(5);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").isInt()).isTrue();
    }

    @Test
    void answersNonStreamedCompletionAsOneTextCompletion() {
        HttpResponse<String> response = client.post("/v1/completions", completion("the quick brown fox", 4, ""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EngineClient.json(response);
        assertThat(body.get("id").asText()).startsWith("cmpl-");
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(body.get("model").asText()).isEqualTo("llama3-8b");
        JsonNode choice = body.at("/choices/0");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("text").asText().split(" ")).hasSize(4);
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        assertThat(choice.get("stop_reason").isNull()).isTrue();
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void streamsTheSameChatContentAsTheNonStreamedAnswer() {
        String whole = EngineClient.json(client.post("/v1/chat/completions", chat("same prompt twice", 8, "")))
                .at("/choices/0/message/content").asText();
        List<JsonNode> chunks = chunks(client.post("/v1/chat/completions",
                chat("same prompt twice", 8, ", \"stream\": true")));

        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks) {
            streamed.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(whole.split(" ")).hasSize(8);
    }

    @Test
    void streamsTheSameCompletionTextAsTheNonStreamedAnswer() {
        String whole = EngineClient.json(client.post("/v1/completions", completion("again and again", 6, "")))
                .at("/choices/0/text").asText();
        List<JsonNode> chunks = chunks(client.post("/v1/completions",
                completion("again and again", 6, ", \"stream\": true")));

        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks) {
            streamed.append(chunk.at("/choices/0/text").asText());
        }
        assertThat(streamed.toString()).isEqualTo(whole);
    }

    @Test
    void honoursMaxCompletionTokens() {
        JsonNode body = EngineClient.json(client.post("/v1/chat/completions", """
                {"messages": [{"role": "user", "content": "short one"}], "max_completion_tokens": 3,
                 "ignore_eos": true}"""));

        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void prefersMaxCompletionTokensOverMaxTokens() {
        JsonNode body = EngineClient.json(client.post("/v1/chat/completions", """
                {"messages": [{"role": "user", "content": "short one"}], "max_completion_tokens": 2,
                 "max_tokens": 7, "ignore_eos": true}"""));

        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void stopsAtEosBeforeMaxTokensUnlessIgnoreEos() {
        JsonNode stopped = EngineClient.json(eosClient.post("/v1/completions", """
                {"prompt": "a prompt that ends early", "max_tokens": 50}"""));
        JsonNode full = EngineClient.json(eosClient.post("/v1/completions", """
                {"prompt": "a prompt that ends early", "max_tokens": 50, "ignore_eos": true}"""));

        assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(stopped.at("/usage/completion_tokens").asInt()).isBetween(1, 49);
        assertThat(stopped.at("/choices/0/text").asText().split(" "))
                .hasSize(stopped.at("/usage/completion_tokens").asInt());
        assertThat(full.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(full.at("/usage/completion_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void streamsStopFinishReasonOnTheLastChunkAtEos() {
        List<JsonNode> chunks = chunks(eosClient.post("/v1/chat/completions", """
                {"messages": [{"role": "user", "content": "stop soon"}], "max_tokens": 50, "stream": true,
                 "stream_options": {"include_usage": true}}"""));

        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        int tokens = usage.get("completion_tokens").asInt();
        assertThat(tokens).isBetween(1, 49);
        assertThat(chunks).hasSize(1 + tokens + 1);
        assertThat(chunks.get(tokens).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void servesConcurrentStreamsEachWithItsOwnTokens() {
        List<CompletableFuture<HttpResponse<String>>> streamed = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> whole = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            streamed.add(client.postAsync("/v1/completions",
                    completion("concurrent prompt " + i, 10 + i, ", \"stream\": true")));
            whole.add(client.postAsync("/v1/completions", completion("concurrent prompt " + i, 10 + i, "")));
        }

        for (int i = 0; i < 16; i++) {
            List<JsonNode> chunks = chunks(streamed.get(i).join());
            JsonNode body = EngineClient.json(whole.get(i).join());
            assertThat(chunks).hasSize(10 + i);
            StringBuilder text = new StringBuilder();
            chunks.forEach(chunk -> text.append(chunk.at("/choices/0/text").asText()));
            assertThat(text.toString()).as("prompt %d", i).isEqualTo(body.at("/choices/0/text").asText());
            assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(10 + i);
        }
    }

    private static String chat(String content, int maxTokens, String extra) {
        return """
                {"model": "llama3-8b", "messages": [{"role": "user", "content": "%s"}], "max_tokens": %d,
                 "ignore_eos": true%s}""".formatted(content, maxTokens, extra);
    }

    private static String completion(String prompt, int maxTokens, String extra) {
        return """
                {"model": "llama3-8b", "prompt": "%s", "max_tokens": %d, "ignore_eos": true%s}"""
                .formatted(prompt, maxTokens, extra);
    }

    /** The JSON chunks of a complete SSE body, checking it ends with {@code [DONE]}. */
    private static List<JsonNode> chunks(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<JsonNode> chunks = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            assertThat(frame).startsWith("data: ");
            String payload = frame.substring("data: ".length());
            if (!payload.equals("[DONE]")) {
                chunks.add(EngineClient.json(payload));
            }
        }
        return chunks;
    }
}
