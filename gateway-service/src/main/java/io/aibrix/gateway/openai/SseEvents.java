package io.aibrix.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.springframework.lang.Nullable;

/**
 * Server-sent events the gateway writes into a stream itself. An error event has the shape the OpenAI SDKs turn into
 * an API error mid-stream, so a client sees why a stream ended early instead of a silent truncation.
 */
public final class SseEvents {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseEvents() {
    }

    /** {@code data: {"error":{"message":..,"type":..,"param":null,"code":..}}\n\n} in UTF-8. */
    public static byte[] errorEvent(String message, String type, @Nullable String code) {
        return ErrorBodies.envelope(DATA, new OpenAiError(message, type, null, code), END);
    }

    /** {@code data: [DONE]\n\n}, the OpenAI end-of-stream marker; a fresh array the caller may hand off. */
    public static byte[] done() {
        return DONE.clone();
    }
}
