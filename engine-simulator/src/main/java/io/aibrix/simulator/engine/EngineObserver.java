package io.aibrix.simulator.engine;

/** Engine-wide events, for metrics; called on the engine thread. Times are in seconds. */
public interface EngineObserver {

    EngineObserver NONE = new EngineObserver() {
    };

    default void onIteration(long scheduledTokens) {
    }

    /** A waiting request was admitted after a prefix-cache lookup; both counts are tokens. */
    default void onPrefixCacheLookup(int queriedTokens, int hitTokens) {
    }

    default void onPreemption() {
    }

    default void onFirstToken(double timeToFirstTokenSeconds, int promptTokens) {
    }

    default void onNextToken(double interTokenSeconds) {
    }

    default void onFinished(FinishedRequest finished) {
    }
}
