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

    /**
     * A waiting request was admitted on an engine with KV tiers: {@code queriedTokens} prompt tokens were looked up
     * below the GPU cache and {@code l1Tokens}/{@code l2Tokens} of them are loaded from host memory/cache nodes.
     */
    default void onKvTierLookup(int queriedTokens, int l1Tokens, int l2Tokens) {
    }

    default void onPreemption() {
    }

    /** A request's prompt KV arrived from a remote prefill engine instead of being computed here. */
    default void onKvTransferReceived(int tokens) {
    }

    default void onFirstToken(double timeToFirstTokenSeconds, int promptTokens) {
    }

    default void onNextToken(double interTokenSeconds) {
    }

    default void onFinished(FinishedRequest finished) {
    }
}
