package io.aibrix.benchmark.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental Server-Sent-Events decoder: feed it bytes exactly as they arrive (events and even UTF-8 characters may
 * be split across reads) and it returns the data of each completed event. Lines end with LF or CRLF; an event ends
 * at a blank line; several {@code data:} lines of one event are joined with LF; comments and other fields are
 * ignored. Not thread-safe.
 */
public final class SseDecoder {

    private byte[] line = new byte[256];
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Consumes all remaining bytes of {@code buffer}; returns the data of events completed by them. */
    public List<String> feed(ByteBuffer buffer) {
        List<String> events = new ArrayList<>(2);
        while (buffer.hasRemaining()) {
            byte next = buffer.get();
            if (next == '\n') {
                endLine(events);
            }
            else {
                append(next);
            }
        }
        return events;
    }

    /** At end of stream: the data of a final event that had no terminating blank line, if any. */
    public List<String> finish() {
        List<String> events = new ArrayList<>(1);
        if (lineLength > 0) {
            endLine(events);
        }
        if (hasData) {
            events.add(takeData());
        }
        return events;
    }

    private void append(byte next) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = next;
    }

    private void endLine(List<String> events) {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (length == 0) {
            if (hasData) {
                events.add(takeData());
            }
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (text.startsWith("data:")) {
            String value = text.startsWith("data: ") ? text.substring(6) : text.substring(5);
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private String takeData() {
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return event;
    }
}
