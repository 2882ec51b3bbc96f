package io.aibrix.gateway.tokenize;

import io.aibrix.gateway.openai.InferenceApi;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PromptText}. */
class PromptTextTests {

    @Test
    void takesTheLastChatMessagesContentWithEverythingBeforeItAsContext() {
        PromptText single = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
        PromptText sameLater = chat("{\"stream\":true,\"model\":\"m\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hello world\"}],\"max_tokens\":3}");

        assertThat(single.text()).isEqualTo("hello world");
        assertThat(single.model()).isEqualTo("m");
        assertThat(sameLater.context()).as("sampling fields do not matter").isEqualTo(single.context());
        assertThat(chat("{\"model\":\"n\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}")
                .context()).isNotEqualTo(single.context());
        assertThat(chat("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"hello world\"}]}")
                .context()).as("the role").isNotEqualTo(single.context());
        assertThat(chat("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":\"hello world\"}]}").context())
                .as("earlier messages").isNotEqualTo(single.context());
        assertThat(chat("{\"model\":\"m\",\"tools\":[],\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}")
                .context()).as("tools").isNotEqualTo(single.context());
    }

    @Test
    void hasNoTextForContentPartsOrTokenPrompts() {
        assertThat(chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"hi\"}]}]}")).isNull();
        assertThat(PromptText.of(InferenceApi.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,2]}".getBytes(UTF_8),
                null)).isNull();
        assertThat(PromptText.of(InferenceApi.EMBEDDINGS, "{\"model\":\"m\",\"input\":\"x\"}".getBytes(UTF_8),
                null)).isNull();
    }

    @Test
    void takesACompletionsPrompt() {
        PromptText text = PromptText.of(InferenceApi.COMPLETIONS,
                "{\"model\":\"m\",\"prompt\":\"once upon\",\"max_tokens\":2}".getBytes(UTF_8), null);

        assertThat(text.text()).isEqualTo("once upon");
        assertThat(text.context()).isNotEqualTo(
                chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"once upon\"}]}").context());
    }

    private static PromptText chat(String body) {
        byte[] bytes = body.getBytes(UTF_8);
        return PromptText.of(InferenceApi.CHAT_COMPLETIONS, bytes, ChatPrefixes.of(bytes));
    }
}
