package io.aibrix.gateway.kvevents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into {@code \n}-terminated lines, whatever the chunk boundaries. One instance per connection,
 * fed from one thread at a time. A line longer than the limit fails the stream instead of buffering without bound.
 */
final class LineSplitter {

    private final int maxLineBytes;
    private byte[] partial = new byte[0];
    private int partialLength;

    LineSplitter(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The lines completed by {@code chunk}, without their {@code \n} (a trailing {@code \r} is dropped too; empty lines
     * are skipped).
     *
     * @throws LineTooLongException when a line exceeds the limit
     */
    List<byte[]> split(byte[] chunk) {
        List<byte[]> lines = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            byte[] line;
            if (partialLength == 0) {
                line = Arrays.copyOfRange(chunk, start, i);
            }
            else {
                append(chunk, start, i);
                line = Arrays.copyOf(partial, partialLength);
                partialLength = 0;
            }
            checkLength(line.length);
            int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
            if (length > 0) {
                lines.add(length == line.length ? line : Arrays.copyOf(line, length));
            }
            start = i + 1;
        }
        if (start < chunk.length) {
            append(chunk, start, chunk.length);
        }
        return lines;
    }

    private void append(byte[] chunk, int from, int to) {
        int length = to - from;
        checkLength(partialLength + length);
        if (partialLength + length > partial.length) {
            partial = Arrays.copyOf(partial, Math.min(maxLineBytes + 1,
                    Math.max(partialLength + length, Math.max(256, partial.length * 2))));
        }
        System.arraycopy(chunk, from, partial, partialLength, length);
        partialLength += length;
    }

    private void checkLength(int length) {
        if (length > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
    }

    /** A line exceeded the configured maximum. */
    static final class LineTooLongException extends RuntimeException {

        LineTooLongException(int maxLineBytes) {
            super("KV event line longer than " + maxLineBytes + " bytes", null, false, false);
        }
    }
}
