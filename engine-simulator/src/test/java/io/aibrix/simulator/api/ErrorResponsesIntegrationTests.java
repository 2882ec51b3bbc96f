package io.aibrix.simulator.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's error answers: vLLM's envelope {@code {"error":{"message","type","param","code"}}} with
 * a 4xx status for every client mistake, never a 500.
 */
class ErrorResponsesIntegrationTests {

    private static final String CHAT = "/v1/chat/completions";
    private static final String COMPLETIONS = "/v1/completions";

    private static SimulatedEngine engine;
    private static EngineClient client;

    @BeforeAll
    static void startEngine() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.max-model-len", 64,
                "simulator.num-gpu-blocks", 64));
        client = EngineClient.of(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void answersMalformedJsonWithExactBadRequestEnvelope() {
        HttpResponse<String> response = client.post(CHAT, "{\"model\": \"llama3-8b\", \"messages\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = EngineClient.json(response);
        assertThat(fieldNames(body)).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).containsExactly("message", "type", "param", "code");
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").isInt()).isTrue();
        assertThat(error.get("code").asInt()).isEqualTo(400);
    }

    @Test
    void answersEmptyBodyWithBadRequest() {
        for (String path : List.of(CHAT, COMPLETIONS, "/v1/embeddings", "/tokenize")) {
            HttpResponse<String> response = client.post(path, "");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(error(response).get("type").asText()).as(path).isEqualTo("BadRequestError");
        }
    }

    @Test
    void answersUnknownModelWithVllmNotFound() {
        HttpResponse<String> response = client.post(CHAT, """
                {"model": "x", "messages": [{"role": "user", "content": "hello"}]}""");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("NotFoundError");
        assertThat(error.get("message").asText()).isEqualTo("The model `x` does not exist.");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asInt()).isEqualTo(404);
    }

    @Test
    void answersUnknownModelOnCompletionsWithVllmNotFound() {
        HttpResponse<String> response = client.post(COMPLETIONS, """
                {"model": "no-such-model", "prompt": "hello"}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).get("message").asText()).isEqualTo("The model `no-such-model` does not exist.");
    }

    @Test
    void rejectsPromptLongerThanMaxModelLenNamingTheTokenCounts() {
        // 69 words + BOS = 70 tokens against a 64-token context.
        HttpResponse<String> response = client.post(COMPLETIONS, """
                {"model": "llama3-8b", "prompt": "%s", "max_tokens": 1}""".formatted(words(69)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("message").asText()).contains("maximum context length is 64 tokens")
                .contains("70 input tokens");
    }

    @Test
    void rejectsChatWhosePromptFillsTheContext() {
        HttpResponse<String> response = client.post(CHAT, """
                {"messages": [{"role": "user", "content": "%s"}]}""".formatted(words(64)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").asText()).contains("64 tokens");
    }

    @Test
    void rejectsMaxTokensBeyondTheContextNamingTheNumbers() {
        // 9 words + BOS = 10 prompt tokens; 10 + 60 > 64.
        HttpResponse<String> response = client.post(COMPLETIONS, """
                {"prompt": "%s", "max_tokens": 60}""".formatted(words(9)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("message").asText()).contains("'max_tokens'").contains("too large: 60")
                .contains("64").contains("10 input tokens");
    }

    @Test
    void acceptsMaxTokensThatExactlyFillTheContext() {
        HttpResponse<String> response = client.post(COMPLETIONS, """
                {"prompt": "%s", "max_tokens": 54, "ignore_eos": true}""".formatted(words(9)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EngineClient.json(response).at("/usage/completion_tokens").asInt()).isEqualTo(54);
    }

    @Test
    void rejectsNonIntegerMaxTokensNamingFieldAndValue() {
        HttpResponse<String> response = client.post(CHAT, """
                {"messages": [{"role": "user", "content": "hi"}], "max_tokens": "ten"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("message").asText()).contains("max_tokens").contains("ten");
    }

    @Test
    void rejectsMoreThanOneChoice() {
        HttpResponse<String> response = client.post(CHAT, """
                {"messages": [{"role": "user", "content": "hi"}], "n": 2}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").asText()).contains("'n'").contains("2");
    }

    @Test
    void rejectsStreamOptionsWithoutStream() {
        HttpResponse<String> response = client.post(CHAT, """
                {"messages": [{"role": "user", "content": "hi"}], "stream_options": {"include_usage": true}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").asText())
                .isEqualTo("Stream options can only be defined when `stream=True`.");
    }

    @Test
    void rejectsChatWithoutMessages() {
        HttpResponse<String> response = client.post(CHAT, """
                {"model": "llama3-8b", "max_tokens": 5}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("message").asText()).contains("messages");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clientMistakes")
    void answersClientMistakesWithBadRequestNeverServerError(String path, String body) {
        HttpResponse<String> response = client.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    static Stream<Arguments> clientMistakes() {
        List<Arguments> cases = new ArrayList<>();
        for (String body : List.of(
                "not json",
                "[]",
                "42",
                "null",
                "{\"model\": 7, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"messages\": \"hi\"}",
                "{\"messages\": []}",
                "{\"messages\": [\"hi\"]}",
                "{\"messages\": [{\"content\": \"hi\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": 5}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 0}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": -1}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2.5}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 99999999999}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_completion_tokens\": \"x\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": \"yes\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"ignore_eos\": 1}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": \"two\"}")) {
            cases.add(Arguments.of(CHAT, body));
        }
        for (String body : List.of(
                "{}",
                "{\"prompt\": 5}",
                "{\"prompt\": []}",
                "{\"prompt\": [[]]}",
                "{\"prompt\": [\"a\", \"b\"]}",
                "{\"prompt\": [1, -2]}",
                "{\"prompt\": [1, 999999999]}",
                "{\"prompt\": [1, \"a\"]}",
                "{\"prompt\": \"hi\", \"max_tokens\": \"ten\"}",
                "{\"prompt\": \"hi\", \"stream\": false, \"stream_options\": {}}")) {
            cases.add(Arguments.of(COMPLETIONS, body));
        }
        cases.add(Arguments.of("/v1/embeddings", "{\"model\": \"llama3-8b\"}"));
        cases.add(Arguments.of("/v1/embeddings", "{\"input\": {}}"));
        cases.add(Arguments.of("/tokenize", "{\"prompt\": 3}"));
        cases.add(Arguments.of("/detokenize", "{\"tokens\": \"1 2\"}"));
        cases.add(Arguments.of("/detokenize", "{\"tokens\": [1, \"a\"]}"));
        return cases.stream();
    }

    private static JsonNode error(HttpResponse<String> response) {
        JsonNode body = EngineClient.json(response);
        assertThat(fieldNames(body)).as(response.body()).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).as(response.body()).containsExactly("message", "type", "param", "code");
        assertThat(error.get("code").asInt()).isEqualTo(response.statusCode());
        return error;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("w").append(i);
        }
        return text.toString();
    }
}
