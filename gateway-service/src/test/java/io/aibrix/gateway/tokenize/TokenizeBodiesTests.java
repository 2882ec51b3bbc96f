package io.aibrix.gateway.tokenize;

import java.nio.charset.StandardCharsets;

import io.aibrix.gateway.openai.InferenceApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link TokenizeBodies}. */
class TokenizeBodiesTests {

    @Test
    void buildsAChatTokenizeBodyWithTheGenerationPrompt() {
        String body = request(InferenceApi.CHAT_COMPLETIONS, """
                {"model":"m","stream":true,"messages":[{"role":"user","content":"hi \\"there\\""}],"max_tokens":5,
                 "stream_options":{"include_usage":true},"tools":[{"type":"function"}]}""");

        assertThat(body).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\\"there\\\"\"}],"
                + "\"tools\":[{\"type\":\"function\"}],\"add_generation_prompt\":true}");
    }

    @Test
    void replacesTheLastMessagesContentOrThePromptWithAPrefixOfIt() {
        byte[] chat = TokenizeBodies.request(InferenceApi.CHAT_COMPLETIONS, """
                {"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"one two three"}]}"""
                .getBytes(StandardCharsets.UTF_8), false);
        byte[] completion = TokenizeBodies.request(InferenceApi.COMPLETIONS,
                "{\"model\":\"m\",\"prompt\":\"one two three\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(TokenizeBodies.withText(InferenceApi.CHAT_COMPLETIONS, chat, "one two"),
                StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
                        + "\"content\":\"s\"},{\"role\":\"user\",\"content\":\"one two\"}],"
                        + "\"add_generation_prompt\":false}");
        assertThat(new String(TokenizeBodies.withText(InferenceApi.COMPLETIONS, completion, "one"),
                StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"m\",\"prompt\":\"one\"}");
        assertThatIllegalArgumentException().isThrownBy(() -> TokenizeBodies.withText(InferenceApi.COMPLETIONS,
                "{\"model\":\"m\",\"prompt\":[1]}".getBytes(StandardCharsets.UTF_8), "x"))
                .withMessageContaining("'prompt'");
    }

    @Test
    void keepsTheClientsOwnGenerationPromptSetting() {
        String body = request(InferenceApi.CHAT_COMPLETIONS, """
                {"messages":[],"model":"m","add_generation_prompt":false,"continue_final_message":true}""");

        assertThat(body).isEqualTo("{\"messages\":[],\"model\":\"m\",\"add_generation_prompt\":false,"
                + "\"continue_final_message\":true}");
    }

    @Test
    void buildsACompletionTokenizeBodyFromModelAndPrompt() {
        String body = request(InferenceApi.COMPLETIONS, """
                {"model":"m","prompt":["once upon"],"max_tokens":3,"echo":false}""");

        assertThat(body).isEqualTo("{\"model\":\"m\",\"prompt\":[\"once upon\"]}");
    }

    @Test
    void sendsEmbeddingInputAsThePrompt() {
        assertThat(request(InferenceApi.EMBEDDINGS, "{\"input\":\"a b\",\"model\":\"m\"}"))
                .isEqualTo("{\"prompt\":\"a b\",\"model\":\"m\"}");
    }

    @Test
    void rejectsBodiesWithoutThePromptOrNotJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> request(InferenceApi.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"prompt\":\"x\"}")).withMessageContaining("'messages'");
        assertThatIllegalArgumentException().isThrownBy(() -> request(InferenceApi.COMPLETIONS, "[1]"));
        assertThatIllegalArgumentException().isThrownBy(() -> request(InferenceApi.COMPLETIONS, "{\"model\":"));
    }

    @Test
    void readsTheTokensOfAResponse() {
        byte[] response = "{\"count\":3,\"max_model_len\":8192,\"tokens\":[128000,17,-1],\"token_strs\":null}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(TokenizeBodies.tokens(response)).containsExactly(128000, 17, -1);
        assertThat(TokenizeBodies.tokens("{\"tokens\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rejectsResponsesWithoutIntegerTokens() {
        assertThatIllegalArgumentException().isThrownBy(() -> TokenizeBodies.tokens(bytes("{\"count\":1}")));
        assertThatIllegalArgumentException().isThrownBy(() -> TokenizeBodies.tokens(bytes("{\"tokens\":[\"a\"]}")));
        assertThatIllegalArgumentException().isThrownBy(() -> TokenizeBodies.tokens(bytes("{\"tokens\":7}")));
        assertThatIllegalArgumentException().isThrownBy(() -> TokenizeBodies.tokens(bytes("{\"tokens\":[1,")));
    }

    private static String request(InferenceApi api, String json) {
        return new String(TokenizeBodies.request(api, bytes(json)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
