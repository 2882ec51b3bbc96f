package io.aibrix.gateway.tokenize;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ChatPrefixes}. */
class ChatPrefixesTests {

    private static final String SYSTEM = "{\"role\":\"system\",\"content\":\"be brief\"}";
    private static final String USER = "{\"role\":\"user\",\"content\":\"hello\"}";
    private static final String REPLY = "{\"role\":\"assistant\",\"content\":\"hi there\"}";
    private static final String NEXT = "{\"role\":\"user\",\"content\":\"and then?\"}";

    @Test
    void givesTheNextTurnTheKeysOfItsHistory() {
        ChatPrefixes.Conversation first = of(chat("m", SYSTEM, USER) + ",\"stream\":true}");
        ChatPrefixes.Conversation second = of("{\"max_tokens\":9," + chat("m", SYSTEM, USER, REPLY, NEXT).substring(1)
                + "}");

        assertThat(first.keys()).hasSize(2);
        assertThat(second.keys()).hasSize(4).startsWith(first.keys());
        assertThat(second.cacheable()).isTrue();
        assertThat(second.model()).isEqualTo("m");
    }

    @Test
    void knowsWhichReplyFollowsAnEarlierTurnsPrompt() {
        ChatPrefixes.Conversation second = of(chat("m", SYSTEM, USER, REPLY, NEXT) + "}");
        String contentFirst = "{\"content\":\"hi there\",\"role\":\"assistant\"}";

        assertThat(second.replyAfter(1)).as("the reply to system + user").isEqualTo(REPLY.length());
        assertThat(second.replyAfter(0)).as("a user message follows the system prompt").isZero();
        assertThat(second.replyAfter(2)).as("nothing is generated after a reply").isZero();
        assertThat(of(chat("m", USER, REPLY) + "}").replyAfter(0)).as("a final assistant message is no reply yet")
                .isZero();
        assertThat(of(chat("m", USER, contentFirst, NEXT) + "}").replyAfter(0)).as("in any field order")
                .isEqualTo(contentFirst.length());
        assertThat(new String(of(chat("m", USER, "{ \"role\" : \"assistant\", \"content\" : \"hi there\" }") + "}")
                .lastMessage(), UTF_8)).as("a message read for its role is keyed by its compact JSON").isEqualTo(REPLY);
    }

    @Test
    void keysEverythingThatChangesTheRendering() {
        long plain = of(chat("m", USER) + "}").last();

        assertThat(of(chat("other", USER) + "}").last()).isNotEqualTo(plain);
        assertThat(of(chat("m", USER) + ",\"tools\":[{\"type\":\"function\"}]}").last()).isNotEqualTo(plain);
        assertThat(of(chat("m", USER) + ",\"chat_template_kwargs\":{\"x\":1}}").last()).isNotEqualTo(plain);
        assertThat(of(chat("m", "{\"role\":\"user\",\"content\":\"hello!\"}") + "}").last()).isNotEqualTo(plain);
        assertThat(of(chat("m", USER) + ",\"temperature\":0.2}").last()).as("sampling does not render")
                .isEqualTo(plain);
        assertThat(of("{ \"model\" : \"m\", \"messages\" : [ {\"role\": \"user\", \"content\": \"hello\"} ] }")
                .last()).as("whitespace").isEqualTo(plain);
    }

    @Test
    void refusesToCacheARequestThatRendersItsLastMessageItsOwnWay() {
        assertThat(of(chat("m", USER) + ",\"add_generation_prompt\":false}").cacheable()).isFalse();
        assertThat(of(chat("m", USER) + ",\"continue_final_message\":true}").cacheable()).isFalse();
    }

    @Test
    void readsNothingFromABodyWithoutAModelOrMessages() {
        assertThat(ChatPrefixes.of("{\"model\":\"m\"}".getBytes(UTF_8))).isNull();
        assertThat(ChatPrefixes.of("{\"model\":\"m\",\"messages\":[]}".getBytes(UTF_8))).isNull();
        assertThat(ChatPrefixes.of("{\"messages\":[{}]}".getBytes(UTF_8))).isNull();
        assertThat(ChatPrefixes.of("[1,2]".getBytes(UTF_8))).isNull();
        assertThat(ChatPrefixes.of("{\"model\":".getBytes(UTF_8))).isNull();
    }

    private static String chat(String model, String... messages) {
        return "{\"model\":\"" + model + "\",\"messages\":[" + String.join(",", messages) + "]";
    }

    private static ChatPrefixes.Conversation of(String body) {
        ChatPrefixes.Conversation conversation = ChatPrefixes.of(body.getBytes(UTF_8));
        assertThat(conversation).as(body).isNotNull();
        return conversation;
    }
}
