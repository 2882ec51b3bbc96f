package io.aibrix.batch.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines ({@code \n}, with an optional {@code \r} before it) without ever holding more than one
 * line of at most {@code maxLineBytes}: the bytes of a longer line are skipped and the line is flagged instead.
 */
public final class JsonlLines {

    private static final int READ_BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[4096];
    private int length;
    private boolean tooLong;
    private int number;

    public JsonlLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
                if (read < 0) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
                position = 0;
                limit = read;
                continue;
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline >= 0 ? newline : limit;
            append(position, end - position);
            position = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                break;
            }
        }
        number++;
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            tooLong = true;
            length = 0;
        }
        if (number == 1 && !tooLong && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
        }
        return true;
    }

    /** 1-based number of the current line. */
    public int number() {
        return number;
    }

    /** The current line exceeded the maximum; its bytes were not kept. */
    public boolean tooLong() {
        return tooLong;
    }

    /** The current line's bytes, valid until {@link #next()}; only the first {@link #length()} count. */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return length;
    }

    /** Whether the current line holds only whitespace. */
    public boolean blank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return !tooLong;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (tooLong || count == 0) {
            return;
        }
        // Room for one extra byte: a trailing \r that is stripped afterwards.
        if (length + count > maxLineBytes + 1) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(length + count, Math.min(line.length * 2, maxLineBytes + 1)));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }
}
