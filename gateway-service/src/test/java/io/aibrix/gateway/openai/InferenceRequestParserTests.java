package io.aibrix.gateway.openai;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.aibrix.gateway.openai.InferenceApi.CHAT_COMPLETIONS;
import static io.aibrix.gateway.openai.InferenceApi.COMPLETIONS;
import static io.aibrix.gateway.openai.InferenceApi.EMBEDDINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Tests for {@link InferenceRequestParser}. */
class InferenceRequestParserTests {

    private final InferenceRequestParser parser = new InferenceRequestParser();

    private InferenceRequest parse(InferenceApi api, String body) {
        return parser.parse(api, body.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidRequestException reject(InferenceApi api, String body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> parse(api, body));
    }

    @Test
    void readsEveryRoutingFieldOfAChatRequest() {
        InferenceRequest request = parse(CHAT_COMPLETIONS, """
                {"model":"llama-3-8b","temperature":0.7,"stream":true,"stream_options":{"include_usage":true,
                 "continuous_usage_stats":false},"user":"alice","max_tokens":128,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello there"}]}
                """);

        assertThat(request).isEqualTo(new InferenceRequest(CHAT_COMPLETIONS, "llama-3-8b", true, true, "alice", 128,
                "Be brief. Hello there", 6));
    }

    @Test
    void defaultsEveryOptionalField() {
        InferenceRequest request = parse(CHAT_COMPLETIONS, """
                {"messages":[{"role":"user","content":"hi"}],"model":"m","stream":null,"user":null,"max_tokens":null,
                 "stream_options":null}""");

        assertThat(request.stream()).isFalse();
        assertThat(request.includeUsage()).isFalse();
        assertThat(request.user()).isNull();
        assertThat(request.maxTokens()).isEqualTo(-1);
    }

    @Test
    void prefersMaxCompletionTokensOverMaxTokensInEitherOrder() {
        assertThat(parse(CHAT_COMPLETIONS, """
                {"model":"m","max_completion_tokens":50,"max_tokens":10,"messages":[{"role":"user","content":"x"}]}
                """).maxTokens()).isEqualTo(50);
        assertThat(parse(CHAT_COMPLETIONS, """
                {"model":"m","max_tokens":10,"max_completion_tokens":50,"messages":[{"role":"user","content":"x"}]}
                """).maxTokens()).isEqualTo(50);
        assertThat(parse(COMPLETIONS, """
                {"model":"m","max_tokens":7.0,"prompt":"x"}""").maxTokens()).isEqualTo(7);
    }

    @Test
    void joinsTextPartsAndSkipsImagesNullContentAndEmptyTexts() {
        InferenceRequest request = parse(CHAT_COMPLETIONS, """
                {"model":"m","messages":[
                  {"role":"user","content":[{"type":"text","text":"What is"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
                    {"text":"in this image?","type":"text"}]},
                  {"role":"assistant","content":null,
                   "tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{}"}}]},
                  {"role":"tool","content":"","tool_call_id":"c1"},
                  {"role":"user","content":"Thanks"}]}""");

        assertThat(request.promptText()).isEqualTo("What is in this image? Thanks");
        assertThat(request.promptTokens()).isEqualTo(8); // 29 chars
    }

    @Test
    void ignoresContentKeysNestedInFieldsItDoesNotRead() {
        InferenceRequest request = parse(CHAT_COMPLETIONS, """
                {"tools":[{"type":"function","function":{"name":"f","parameters":{"content":"not a prompt",
                  "messages":[{"content":"nor this"}]}}}],
                 "model":"m","metadata":{"model":"other","stream":"yes"},"messages":[{"role":"user","content":"real"}]}
                """);

        assertThat(request.model()).isEqualTo("m");
        assertThat(request.promptText()).isEqualTo("real");
        assertThat(request.stream()).isFalse();
    }

    @Test
    void estimatesTextAtOneTokenPerFourCharactersRoundedUp() {
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"a\"}").promptTokens()).isEqualTo(1);
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"abcd\"}").promptTokens()).isEqualTo(1);
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"abcde\"}").promptTokens()).isEqualTo(2);
        assertThat(parse(CHAT_COMPLETIONS, """
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u"}}]}]}
                """).promptTokens()).isZero();
    }

    @Test
    void readsEveryCompletionPromptShape() {
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"Once upon\"}"))
                .extracting(InferenceRequest::promptText, InferenceRequest::promptTokens)
                .containsExactly("Once upon", 3);
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"ab\",\"cd\"]}"))
                .extracting(InferenceRequest::promptText, InferenceRequest::promptTokens)
                .containsExactly("ab cd", 2);
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,2,3,4,5]}"))
                .extracting(InferenceRequest::promptText, InferenceRequest::promptTokens)
                .containsExactly("", 5);
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[[1,2],[3],[4,5,6]]}"))
                .extracting(InferenceRequest::promptText, InferenceRequest::promptTokens)
                .containsExactly("", 6);
    }

    @Test
    void readsEveryEmbeddingInputShape() {
        assertThat(parse(EMBEDDINGS, "{\"input\":\"hello world\",\"model\":\"e5\",\"encoding_format\":\"float\"}"))
                .isEqualTo(new InferenceRequest(EMBEDDINGS, "e5", false, false, null, -1, "hello world", 3));
        assertThat(parse(EMBEDDINGS, "{\"model\":\"e5\",\"input\":[\"a\",\"b\"]}").promptText()).isEqualTo("a b");
        assertThat(parse(EMBEDDINGS, "{\"model\":\"e5\",\"input\":[9,8,7]}").promptTokens()).isEqualTo(3);
        assertThat(parse(EMBEDDINGS, "{\"model\":\"e5\",\"input\":[[9],[8,7]]}").promptTokens()).isEqualTo(3);
    }

    @Test
    void letsARepeatedPromptFieldReplaceTheEarlierOneAsPythonDoes() {
        assertThat(parse(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"first\",\"prompt\":\"second\"}").promptText())
                .isEqualTo("second");
    }

    @Test
    void readsThePromptFieldOfItsOwnApiOnly() {
        InferenceRequest request = parse(COMPLETIONS, """
                {"model":"m","messages":"ignored here","input":{"also":"ignored"},"prompt":"p"}""");

        assertThat(request.promptText()).isEqualTo("p");
    }

    @Test
    void acceptsWhitespaceAroundTheObject() {
        assertThat(parse(COMPLETIONS, " \n{\"model\":\"m\",\"prompt\":\"p\"}\r\n ").model()).isEqualTo("m");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments(CHAT_COMPLETIONS, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model",
                        "'model' is required"),
                arguments(CHAT_COMPLETIONS, "{\"model\":null,\"messages\":[{\"content\":\"x\"}]}", "model",
                        "'model' is required"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"  \",\"messages\":[{\"content\":\"x\"}]}", "model",
                        "'model' must not be blank"),
                arguments(CHAT_COMPLETIONS, "{\"model\":42,\"messages\":[{\"content\":\"x\"}]}", "model",
                        "'model' must be a string, got 42"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\"}", "messages", "'messages' is required"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[]}", "messages",
                        "'messages' must be a non-empty array"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":\"hi\"}", "messages",
                        "'messages' must be a non-empty array, got \"hi\""),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[\"hi\"]}", "messages",
                        "'messages[0]' must be an object, got \"hi\""),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"content\":\"a\"},{\"content\":5}]}",
                        "messages", "'messages[1].content' must be a string or an array of content parts, got 5"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"content\":[\"text\"]}]}", "messages",
                        "'messages[0].content' parts must be objects, got \"text\""),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"content\":\"x\"}]}",
                        "stream", "'stream' must be a boolean, got \"yes\""),
                arguments(CHAT_COMPLETIONS,
                        "{\"model\":\"m\",\"stream_options\":true,\"messages\":[{\"content\":\"x\"}]}",
                        "stream_options", "'stream_options' must be an object, got true"),
                arguments(CHAT_COMPLETIONS,
                        "{\"model\":\"m\",\"stream_options\":{\"include_usage\":1},\"messages\":[{\"content\":\"x\"}]}",
                        "stream_options", "'stream_options.include_usage' must be a boolean, got 1"),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"user\":{},\"messages\":[{\"content\":\"x\"}]}", "user",
                        "'user' must be a string, got an object"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":0}", "max_tokens",
                        "'max_tokens' must be at least 1, got 0"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":-5}", "max_tokens",
                        "'max_tokens' must be at least 1, got -5"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":1.5}", "max_tokens",
                        "'max_tokens' must be an integer, got 1.5"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_completion_tokens\":\"10\"}",
                        "max_completion_tokens", "'max_completion_tokens' must be an integer, got \"10\""),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":99999999999}", "max_tokens",
                        "'max_tokens' is too large, got 99999999999"),
                arguments(COMPLETIONS, "{\"model\":\"m\"}", "prompt", "'prompt' is required"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":null}", "prompt", "'prompt' is required"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"\"}", "prompt",
                        "'prompt' must not be an empty string"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[]}", "prompt", "'prompt' must not be empty"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",\"\"]}", "prompt",
                        "'prompt' must not be an empty string"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[[1],[]]}", "prompt",
                        "'prompt' must not contain an empty token ID array"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",1]}", "prompt",
                        "'prompt' must not mix strings, token IDs and token ID arrays"),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[[1,\"a\"]]}", "prompt",
                        "'prompt' must be a string, an array of strings, an array of token IDs or an array of token "
                                + "ID arrays, got \"a\""),
                arguments(COMPLETIONS, "{\"model\":\"m\",\"prompt\":7}", "prompt",
                        "'prompt' must be a string, an array of strings, an array of token IDs or an array of token "
                                + "ID arrays, got 7"),
                arguments(EMBEDDINGS, "{\"model\":\"m\"}", "input", "'input' is required"),
                arguments(EMBEDDINGS, "{\"model\":\"m\",\"input\":[]}", "input", "'input' must not be empty"),
                arguments(EMBEDDINGS, "{\"model\":\"m\",\"input\":\"x\",\"stream\":true}", "stream",
                        "'stream' is not supported for embeddings"),
                arguments(CHAT_COMPLETIONS, "", null, "request body is empty"),
                arguments(CHAT_COMPLETIONS, "[{\"model\":\"m\"}]", null,
                        "request body must be a JSON object, got an array"),
                arguments(CHAT_COMPLETIONS, "\"model\"", null, "request body must be a JSON object, got \"model\""),
                arguments(CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}{}", null,
                        "request body has data after the JSON object"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void rejectsAnInvalidBodyWith400NamingTheFieldAndTheValue(InferenceApi api, String body, String param,
            String message) {
        InvalidRequestException e = reject(api, body);

        assertThat(e).as(body).isNotNull().hasMessage(message);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void rejectsMalformedJsonAndTrailingGarbageWithoutParam() {
        for (String body : new String[] {"{\"model\":\"m\",", "{model:\"m\"}", "{\"model\":\"m\"} x",
                "{\"model\":\"m\",\"prompt\":\"p\"}}", "\u0000"}) {
            InvalidRequestException e = reject(COMPLETIONS, body);

            assertThat(e).as(body).isNotNull();
            assertThat(e.getMessage()).as(body).startsWith("request body is not valid JSON: ");
            assertThat(e.param()).isNull();
            assertThat(e.status()).isEqualTo(400);
        }
    }

    @Test
    void cutsLongBadValuesInTheMessage() {
        InvalidRequestException e = reject(CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"stream\":\"" + "y".repeat(500) + "\",\"messages\":[{\"content\":\"x\"}]}");

        assertThat(e.getMessage()).isEqualTo("'stream' must be a boolean, got \"" + "y".repeat(40) + "...\"");
    }

    @Test
    void mapsPathsToApisAndBack() {
        for (InferenceApi api : InferenceApi.values()) {
            assertThat(InferenceApi.fromPath(api.path())).isEqualTo(api);
        }
        assertThat(InferenceApi.fromPath("/v1/chat/completions")).isEqualTo(CHAT_COMPLETIONS);
        assertThat(InferenceApi.fromPath("/v1/models")).isNull();
        assertThat(InferenceApi.fromPath("/v1/chat/completions/")).isNull();
    }
}
