package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multi-turn chat, closed loop per session: sessions arrive as a Poisson process; each picks one of
 * {@code systemPrompts} shared system prompts and runs {@code turns} turns. Turn {@code k+1} is sent an exponential
 * think time after the reply to turn {@code k}, and its prompt is the whole history (system, every prior user and
 * assistant message, the assistant text being what was actually received) plus a new user message.
 */
public final class MultiTurnWorkload implements Workload {

    public static final String NAME = "multi-turn";

    private final double sessionRate;
    private final int systemPrompts;
    private final int systemPromptTokens;
    private final int turns;
    private final int userTokens;
    private final int outputTokens;
    private final double meanThinkSeconds;
    private final RandomStreams streams;
    private final Map<Integer, String> systemTexts = new ConcurrentHashMap<>();

    public MultiTurnWorkload(double sessionRate, int systemPrompts, int systemPromptTokens, int turns, int userTokens,
            int outputTokens, double meanThinkSeconds, RandomStreams streams) {
        if (systemPrompts < 1 || systemPromptTokens < 0 || turns < 1 || userTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("need systemPrompts, turns, userTokens, outputTokens >= 1 and "
                    + "systemPromptTokens >= 0");
        }
        if (!(sessionRate > 0) || Double.isInfinite(sessionRate)) {
            throw new IllegalArgumentException("session rate must be a positive finite number but was " + sessionRate);
        }
        if (!(meanThinkSeconds >= 0) || Double.isInfinite(meanThinkSeconds)) {
            throw new IllegalArgumentException("mean think time must be >= 0 but was " + meanThinkSeconds);
        }
        this.sessionRate = sessionRate;
        this.systemPrompts = systemPrompts;
        this.systemPromptTokens = systemPromptTokens;
        this.turns = turns;
        this.userTokens = userTokens;
        this.outputTokens = outputTokens;
        this.meanThinkSeconds = meanThinkSeconds;
        this.streams = streams;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sessionRate", sessionRate);
        parameters.put("systemPrompts", systemPrompts);
        parameters.put("systemPromptTokens", systemPromptTokens);
        parameters.put("turns", turns);
        parameters.put("userTokens", userTokens);
        parameters.put("outputTokens", outputTokens);
        parameters.put("meanThinkSeconds", meanThinkSeconds);
        return parameters;
    }

    public int turns() {
        return turns;
    }

    /** Session arrivals in order, until the duration limit (the request limit is enforced per turn). */
    public Iterator<SessionStart> sessions(RunLimits limits) {
        PoissonArrivals arrivals = new PoissonArrivals(sessionRate, streams.stream("sessions"));
        return new Iterator<>() {
            private int next;
            private double nextAt = arrivals.next();

            @Override
            public boolean hasNext() {
                return limits.admitsTime(nextAt);
            }

            @Override
            public SessionStart next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SessionStart start = new SessionStart(next++, nextAt);
                nextAt = arrivals.next();
                return start;
            }
        };
    }

    public Conversation open(int session) {
        int systemPrompt = streams.stream("system-choice", session).nextInt(systemPrompts);
        String system = systemTexts.computeIfAbsent(systemPrompt,
                k -> Vocabulary.words(streams.stream("system", k), systemPromptTokens));
        double[] thinkSeconds = new double[turns];
        var thinkRandom = streams.stream("think", session);
        for (int turn = 1; turn < turns; turn++) {
            thinkSeconds[turn] = meanThinkSeconds * thinkRandom.nextExponential();
        }
        return new Conversation(session, systemPrompt, systemPromptTokens == 0 ? null : system, thinkSeconds,
                userTokens, outputTokens, streams);
    }
}
