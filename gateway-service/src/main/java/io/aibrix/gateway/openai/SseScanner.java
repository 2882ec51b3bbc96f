package io.aibrix.gateway.openai;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.springframework.lang.Nullable;

/**
 * Watches one streamed (SSE) response as it passes through, without holding it: events may be split at any byte
 * across chunks, lines may end in {@code \n}, {@code \r\n} or {@code \r}. Only the {@code data} of the current event is
 * kept, and only events whose data contains {@code "usage"} or {@code "error"} are JSON-parsed. An event longer than
 * the limit is skipped, not buffered.
 *
 * <p>Not thread-safe: feed it from one signal sequence at a time (Reactor's {@code onNext} signals are serialized).
 */
public final class SseScanner {

    /** The default limit on one event's data. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    private static final byte[] DATA_FIELD = {'d', 'a', 't', 'a'};
    private static final int INITIAL_CAPACITY = 1024;
    /** A buffer grown past this by one large event is dropped after it, so a long stream holds little. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private enum LineState {
        /** Matching the field name against "data"; {@link #fieldMatched} bytes so far (0: at a line start). */
        FIELD,
        /** Right after "data:": one space is dropped. */
        VALUE_START,
        VALUE,
        /** A comment or a field other than data. */
        IGNORED
    }

    private final int maxEventBytes;

    private LineState state = LineState.FIELD;
    private int fieldMatched;
    private boolean afterCarriageReturn;
    private byte[] data = new byte[0];
    private int dataLength;
    private int dataLines;
    private boolean oversized;

    private boolean firstEventSeen;
    private boolean doneSeen;
    private boolean errorSeen;
    private @Nullable String errorMessage;
    private @Nullable Usage usage;
    private int contentChunks;
    private int skippedEvents;

    public SseScanner() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the most data bytes one event may have before it is skipped */
    public SseScanner(int maxEventBytes) {
        if (maxEventBytes < 16) {
            throw new IllegalArgumentException("maxEventBytes must be at least 16, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Scans the chunk's remaining bytes using absolute reads only: the buffer's position is left alone, so the same
     * buffer can still be written downstream. Direct and read-only buffers (Netty's
     * {@code DataBuffer.readableByteBuffers()}) are read in place, not copied.
     */
    public void feed(ByteBuffer chunk) {
        int end = chunk.limit();
        int i = chunk.position();
        while (i < end) {
            byte b = chunk.get(i);
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') { // the second half of a CRLF, possibly in a later chunk
                    i++;
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                endOfLine();
                i++;
                continue;
            }
            switch (state) {
                case FIELD -> {
                    if (fieldMatched < DATA_FIELD.length && b == DATA_FIELD[fieldMatched]) {
                        fieldMatched++;
                    }
                    else if (fieldMatched == DATA_FIELD.length && b == ':') {
                        beginDataLine();
                        state = LineState.VALUE_START;
                    }
                    else {
                        state = LineState.IGNORED;
                    }
                    i++;
                }
                case VALUE_START -> {
                    state = LineState.VALUE;
                    if (b == ' ') {
                        i++;
                    }
                }
                case VALUE -> {
                    int lineEnd = lineEnd(chunk, i, end);
                    appendData(chunk, i, lineEnd - i);
                    i = lineEnd;
                }
                case IGNORED -> i = lineEnd(chunk, i, end);
            }
        }
    }

    /** Scans {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * Ends the stream: an event still open (the last one lacked its blank line) is handled as if it had one. The SSE
     * standard drops such an event; accounting keeps it, since its usage was still paid for.
     */
    public void finish() {
        afterCarriageReturn = false;
        if (state != LineState.FIELD || fieldMatched != 0) {
            endOfLine();
        }
        if (dataLines > 0) {
            dispatch();
        }
    }

    /** Whether at least one event with data has arrived (including a skipped oversized one). */
    public boolean firstEventSeen() {
        return firstEventSeen;
    }

    /** Whether {@code data: [DONE]} arrived. */
    public boolean doneSeen() {
        return doneSeen;
    }

    /**
     * Whether an error event arrived: a top-level {@code error} object or string, or vLLM's flat
     * {@code {"object":"error","message":..}}.
     */
    public boolean errorSeen() {
        return errorSeen;
    }

    /** The {@code message} of the first error event (or its {@code error} string), or null. */
    public @Nullable String errorMessage() {
        return errorMessage;
    }

    /**
     * The last usage seen in a {@code data} event: the top-level {@code usage} (or {@code response.usage} of the
     * Responses API); {@code "usage":null} is not usage. With vLLM's {@code continuous_usage_stats} every chunk has one
     * and the last (cumulative) one wins. Null when none arrived.
     */
    public @Nullable Usage usage() {
        return usage;
    }

    /**
     * Data events other than {@code [DONE]}, errors and usage-only chunks (an empty {@code choices} array, or a usage
     * with no {@code choices}); in vLLM streams roughly one per generated token.
     */
    public int contentChunks() {
        return contentChunks;
    }

    /** Events skipped because they exceeded the size limit or held malformed JSON. */
    public int skippedEvents() {
        return skippedEvents;
    }

    private static int lineEnd(ByteBuffer chunk, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = chunk.get(i);
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return end;
    }

    private void endOfLine() {
        switch (state) {
            case FIELD -> {
                if (fieldMatched == 0) {
                    dispatch(); // a blank line ends the event
                }
                else if (fieldMatched == DATA_FIELD.length) {
                    beginDataLine(); // "data" without a colon: a data line with an empty value
                }
            }
            case VALUE_START, VALUE, IGNORED -> {
            }
        }
        state = LineState.FIELD;
        fieldMatched = 0;
    }

    private void beginDataLine() {
        if (dataLines++ > 0) {
            appendByte((byte) '\n'); // the standard joins data lines with LF
        }
    }

    private void appendByte(byte b) {
        if (reserve(1)) {
            data[dataLength++] = b;
        }
    }

    private void appendData(ByteBuffer chunk, int from, int length) {
        if (length > 0 && reserve(length)) {
            chunk.get(from, data, dataLength, length);
            dataLength += length;
        }
    }

    /** Makes room for {@code length} more bytes, or marks the event oversized and returns false. */
    private boolean reserve(int length) {
        if (oversized) {
            return false;
        }
        int needed = dataLength + length;
        if (needed > maxEventBytes) {
            oversized = true;
            dataLength = 0;
            return false;
        }
        if (needed > data.length) {
            int capacity = Math.max(INITIAL_CAPACITY, data.length);
            while (capacity < needed) {
                capacity = (int) Math.min(maxEventBytes, capacity * 2L);
            }
            data = Arrays.copyOf(data, capacity);
        }
        return true;
    }

    private void dispatch() {
        if (dataLines > 0) {
            if (oversized) {
                firstEventSeen = true;
                skippedEvents++;
            }
            else if (dataLength > 0) { // the standard dispatches no event with empty data
                firstEventSeen = true;
                handleEvent();
            }
        }
        dataLength = 0;
        dataLines = 0;
        oversized = false;
        if (data.length > RETAINED_CAPACITY) {
            data = new byte[0];
        }
    }

    private void handleEvent() {
        StreamEvent event = StreamEvent.of(data, dataLength);
        switch (event.kind) {
            case DONE -> doneSeen = true;
            case MALFORMED -> skippedEvents++;
            case ERROR -> {
                errorSeen = true;
                if (errorMessage == null) {
                    errorMessage = event.errorMessage;
                }
            }
            case CHUNK -> {
                if (event.usage != null) {
                    usage = event.usage;
                }
                if (event.content) {
                    contentChunks++;
                }
            }
        }
    }
}
