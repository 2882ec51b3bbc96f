package io.aibrix.benchmark.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * One multi-turn session's state. Protocol: {@link #nextTurn()}, then {@link #reply(String)} with the text received,
 * then {@link #nextTurn()} again, while {@link #hasNextTurn()}. Not thread-safe; one session runs on one thread.
 */
public final class Conversation {

    private final int session;
    private final int systemPrompt;
    private final double[] thinkSeconds;
    private final int userTokens;
    private final int outputTokens;
    private final RandomStreams streams;
    private final List<ChatMessage> history = new ArrayList<>();
    private int turn;
    private boolean awaitingReply;

    Conversation(int session, int systemPrompt, String systemText, double[] thinkSeconds, int userTokens,
            int outputTokens, RandomStreams streams) {
        this.session = session;
        this.systemPrompt = systemPrompt;
        this.thinkSeconds = thinkSeconds;
        this.userTokens = userTokens;
        this.outputTokens = outputTokens;
        this.streams = streams;
        if (systemText != null) {
            history.add(ChatMessage.system(systemText));
        }
    }

    public int session() {
        return session;
    }

    /** Which of the shared system prompts this session uses. */
    public int systemPrompt() {
        return systemPrompt;
    }

    /** The 0-based index of the turn {@link #nextTurn()} will produce. */
    public int turn() {
        return turn;
    }

    public boolean hasNextTurn() {
        return turn < thinkSeconds.length;
    }

    /** Seconds to wait after the previous reply before sending the next turn; 0 before the first turn. */
    public double thinkSecondsBeforeNextTurn() {
        return thinkSeconds[turn];
    }

    public RequestSpec nextTurn() {
        if (awaitingReply) {
            throw new IllegalStateException("turn " + (turn - 1) + " of session " + session + " has no reply yet");
        }
        if (!hasNextTurn()) {
            throw new IllegalStateException("session " + session + " has no turns left");
        }
        long userStream = ((long) session << 20) | turn;
        history.add(ChatMessage.user(Vocabulary.words(streams.stream("user", userStream), userTokens)));
        awaitingReply = true;
        return new RequestSpec(history, outputTokens, RequestTags.turn(session, turn++));
    }

    /** Appends the assistant's reply exactly as received, so the next prompt repeats it byte for byte. */
    public void reply(String assistantText) {
        if (!awaitingReply) {
            throw new IllegalStateException("session " + session + " is not waiting for a reply");
        }
        history.add(ChatMessage.assistant(assistantText));
        awaitingReply = false;
    }
}
