package io.aibrix.gateway.tokenize;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Conversations}. */
class ConversationsTests {

    @Test
    void learnsAHistoryOnceASecondConversationStartsWithIt() {
        Conversations conversations = new Conversations(100, 10_000, 100);
        ChatPrefixes.Conversation first = conversation("sys", "a");
        ChatPrefixes.Conversation second = conversation("sys", "b");

        assertThat(conversations.lookup(first)).isEqualTo(new Conversations.Lookup(null, -1));
        Conversations.Lookup lookup = conversations.lookup(second);
        assertThat(lookup.hit()).isNull();
        assertThat(lookup.learn()).as("the system message, seen before").isZero();
        assertThat(conversations.startLearning(second, 0)).isTrue();
        assertThat(conversations.startLearning(second, 0)).isFalse();
        conversations.learnt(second, 0, new int[] {1, 2, 3, 7}, new int[] {1, 2, 3});
        conversations.endLearning(second, 0);

        TokenIdCache.Hit hit = conversations.lookup(conversation("sys", "c")).hit();
        assertThat(hit.index()).isZero();
        assertThat(hit.ids()).containsExactly(1, 2, 3);
        assertThat(conversations.lookup(conversation("other", "c")).hit()).isNull();
    }

    @Test
    void servesTheNextTurnFromTheWholeConversationStored() {
        Conversations conversations = new Conversations(100, 10_000, 100);
        ChatPrefixes.Conversation turn = conversation("sys", "a");
        conversations.put(turn, new int[] {1, 2, 3, 4});

        Conversations.Lookup next = conversations.lookup(conversation("sys", "a", "reply", "more"));

        assertThat(next.hit().index()).isEqualTo(1);
        assertThat(next.hit().ids()).containsExactly(1, 2, 3, 4);
        assertThat(next.learn()).as("nothing longer seen").isEqualTo(-1);
    }

    private static ChatPrefixes.Conversation conversation(String system, String... turns) {
        StringBuilder body = new StringBuilder("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"")
                .append(system).append("\"}");
        for (int i = 0; i < turns.length; i++) {
            body.append(",{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":\"")
                    .append(turns[i]).append("\"}");
        }
        return ChatPrefixes.of(body.append("]}").toString().getBytes(UTF_8));
    }
}
