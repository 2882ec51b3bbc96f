package io.aibrix.simulator.engine;

/** Receives one request's output; called on the engine thread, so implementations must only hand off. */
public interface RequestObserver {

    /** A generated token; {@code finishReason} is set on the last one. */
    void onToken(int tokenId, String text, FinishReason finishReason);

    /** Always the last call: after the last token, or alone when the request was aborted. */
    void onFinished(FinishedRequest finished);
}
