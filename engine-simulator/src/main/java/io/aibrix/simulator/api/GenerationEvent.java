package io.aibrix.simulator.api;

import io.aibrix.simulator.engine.FinishReason;
import io.aibrix.simulator.engine.FinishedRequest;

/** What a generation stream carries: tokens as the engine produces them, then exactly one {@link Done}. */
sealed interface GenerationEvent {

    /** {@code finishReason} is set on the last token. */
    record Token(int tokenId, String text, FinishReason finishReason) implements GenerationEvent {
    }

    record Done(FinishedRequest finished) implements GenerationEvent {
    }
}
