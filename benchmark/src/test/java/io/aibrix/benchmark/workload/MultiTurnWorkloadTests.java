package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tests for {@link MultiTurnWorkload} and {@link Conversation}. */
class MultiTurnWorkloadTests {

    @Test
    void historyGrowsWithEachTurnAndRepeatsTheReplyVerbatim() {
        Conversation conversation = workload(1).open(0);
        RequestSpec first = conversation.nextTurn();
        assertThat(first.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(first.tags()).isEqualTo(RequestTags.turn(0, 0));
        conversation.reply(" alpha beta gamma");

        RequestSpec second = conversation.nextTurn();
        assertThat(second.messages()).extracting(ChatMessage::role)
                .containsExactly("system", "user", "assistant", "user");
        assertThat(second.messages().subList(0, 2)).isEqualTo(first.messages());
        assertThat(second.messages().get(2).content()).isEqualTo(" alpha beta gamma");
        assertThat(second.tags()).isEqualTo(RequestTags.turn(0, 1));
        assertThat(words(second)).isEqualTo(words(first) + 3 + 20);
    }

    @Test
    void sessionRunsExactlyItsTurns() {
        Conversation conversation = workload(1).open(5);
        int turns = 0;
        while (conversation.hasNextTurn()) {
            conversation.nextTurn();
            conversation.reply("ok");
            turns++;
        }
        assertThat(turns).isEqualTo(4);
        assertThatIllegalStateException().isThrownBy(conversation::nextTurn);
    }

    @Test
    void nextTurnBeforeReplyIsRejected() {
        Conversation conversation = workload(1).open(0);
        conversation.nextTurn();
        assertThatIllegalStateException().isThrownBy(conversation::nextTurn).withMessageContaining("no reply");
    }

    @Test
    void sessionsShareOneOfTheSystemPrompts() {
        MultiTurnWorkload workload = workload(2);
        Set<String> systems = new HashSet<>();
        for (int session = 0; session < 50; session++) {
            systems.add(workload.open(session).nextTurn().messages().getFirst().content());
        }
        assertThat(systems).hasSize(3);
    }

    @Test
    void sameSeedGivesSameConversationAndThinkTimes() {
        Conversation a = workload(4).open(3);
        Conversation b = workload(4).open(3);
        for (int turn = 0; turn < 4; turn++) {
            assertThat(a.thinkSecondsBeforeNextTurn()).isEqualTo(b.thinkSecondsBeforeNextTurn());
            assertThat(a.nextTurn()).isEqualTo(b.nextTurn());
            a.reply("same");
            b.reply("same");
        }
        assertThat(workload(4).open(3).nextTurn()).isNotEqualTo(workload(5).open(3).nextTurn());
    }

    @Test
    void firstTurnHasNoThinkTimeAndLaterTurnsHavePositiveOnes() {
        Conversation conversation = workload(1).open(1);
        assertThat(conversation.thinkSecondsBeforeNextTurn()).isZero();
        conversation.nextTurn();
        conversation.reply("x");
        assertThat(conversation.thinkSecondsBeforeNextTurn()).isPositive();
    }

    @Test
    void sessionArrivalsStopAtTheDuration() {
        List<SessionStart> starts = new ArrayList<>();
        workload(1).sessions(new RunLimits(20.0, null)).forEachRemaining(starts::add);
        assertThat(starts).isNotEmpty().allSatisfy(s -> assertThat(s.atSeconds()).isLessThan(20.0));
        assertThat(starts).extracting(SessionStart::session).startsWith(0, 1, 2);
        assertThat(starts.size()).isBetween(15, 45);
    }

    private static MultiTurnWorkload workload(long seed) {
        return new MultiTurnWorkload(1.5, 3, 50, 4, 20, 10, 3.0, new RandomStreams(seed));
    }

    private static int words(RequestSpec spec) {
        return spec.messages().stream().mapToInt(m -> m.content().isBlank() ? 0 : m.content().strip().split("\\s+")
                .length).sum();
    }
}
