package io.aibrix.benchmark.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects one response stream as it arrives: arrival time of every content token (nanoseconds, {@code NanoClock}),
 * the received text, usage and the terminal state. Written by the HTTP client's thread, read by the request's thread
 * (possibly mid-stream after a timeout), hence synchronized.
 */
final class StreamAccumulator {

    private final long sendNanos;
    private final StringBuilder text = new StringBuilder();
    private final List<Double> gapsSeconds = new ArrayList<>();
    private long firstTokenNanos = -1;
    private long lastTokenNanos = -1;
    private long endNanos = -1;
    private int contentChunks;
    private StreamEvent.Usage usage;
    private String failure;
    private boolean done;

    StreamAccumulator(long sendNanos) {
        this.sendNanos = sendNanos;
    }

    synchronized void accept(StreamEvent event, long nanos) {
        switch (event) {
            case StreamEvent.Done ignored -> {
                done = true;
                endNanos = nanos;
            }
            case StreamEvent.Failure(String message) -> {
                if (failure == null) {
                    failure = message;
                }
            }
            case StreamEvent.Chunk(String delta, String finishReason, StreamEvent.Usage reported) -> {
                if (reported != null) {
                    usage = reported;
                }
                if (delta != null && !delta.isEmpty()) {
                    token(delta, nanos);
                }
            }
        }
    }

    /** The body ended (cleanly or not) at {@code nanos}. */
    synchronized void complete(long nanos) {
        if (endNanos < 0) {
            endNanos = nanos;
        }
    }

    private void token(String delta, long nanos) {
        if (firstTokenNanos < 0) {
            firstTokenNanos = nanos;
        }
        else {
            gapsSeconds.add((nanos - lastTokenNanos) / 1e9);
        }
        lastTokenNanos = nanos;
        contentChunks++;
        text.append(delta);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(sendNanos, firstTokenNanos, endNanos, List.copyOf(gapsSeconds), contentChunks, usage,
                failure, done, text.toString());
    }

    /**
     * A consistent copy. Nanosecond fields are -1 when the event has not happened; {@code usage} is null when the
     * engine sent none.
     */
    record Snapshot(long sendNanos, long firstTokenNanos, long endNanos, List<Double> gapsSeconds, int contentChunks,
            StreamEvent.Usage usage, String failure, boolean done, String text) {

        Double ttftSeconds() {
            return firstTokenNanos < 0 ? null : (firstTokenNanos - sendNanos) / 1e9;
        }

        Double e2eSeconds() {
            return endNanos < 0 ? null : (endNanos - sendNanos) / 1e9;
        }

        int completionTokens() {
            return usage != null ? usage.completionTokens() : contentChunks;
        }

        /** Why a stream that arrived with a 2xx status still failed, or null if it is complete and sound. */
        String problem() {
            if (failure != null) {
                return failure;
            }
            if (!done) {
                return "stream ended before [DONE]";
            }
            if (firstTokenNanos < 0) {
                return "stream carried no content tokens";
            }
            return null;
        }
    }
}
