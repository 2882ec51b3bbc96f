package io.aibrix.gateway.openai;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/**
 * Watches one non-streamed JSON response as it passes through, keeping only its last bytes, and finds the
 * {@code usage} object there: OpenAI-compatible servers write it at the end of chat, completion and embedding bodies,
 * so a multi-megabyte embeddings body costs only the tail.
 *
 * <p>Not thread-safe: feed it from one signal sequence at a time.
 */
public final class JsonTailScanner {

    /** The default number of trailing bytes kept. */
    public static final int DEFAULT_TAIL_BYTES = 16 * 1024;

    private static final byte[] USAGE_KEY = {'"', 'u', 's', 'a', 'g', 'e', '"'};
    private static final int INITIAL_CAPACITY = 512;

    private final int tailBytes;
    /** A ring once full ({@code size == tailBytes}, oldest byte at {@code head}); linear from 0 until then. */
    private byte[] buffer = new byte[0];
    private int size;
    private int head;
    private long totalBytes;

    public JsonTailScanner() {
        this(DEFAULT_TAIL_BYTES);
    }

    /** @param tailBytes how many trailing bytes to keep; the usage object must fit in them */
    public JsonTailScanner(int tailBytes) {
        if (tailBytes < 64) {
            throw new IllegalArgumentException("tailBytes must be at least 64, got " + tailBytes);
        }
        this.tailBytes = tailBytes;
    }

    /** Keeps the chunk's remaining bytes (absolute reads: the buffer's position is left alone). */
    public void feed(ByteBuffer chunk) {
        int from = chunk.position();
        int length = chunk.remaining();
        totalBytes += length;
        if (length >= tailBytes) {
            grow(tailBytes);
            chunk.get(from + length - tailBytes, buffer, 0, tailBytes);
            size = tailBytes;
            head = 0;
        }
        else if (size + length <= tailBytes) { // still linear (a full ring has size == tailBytes)
            grow(size + length);
            chunk.get(from, buffer, size, length);
            size += length;
        }
        else {
            grow(tailBytes);
            int write = (head + size) % tailBytes;
            int first = Math.min(length, tailBytes - write);
            chunk.get(from, buffer, write, first);
            chunk.get(from + first, buffer, 0, length - first);
            head = (head + size + length - tailBytes) % tailBytes;
            size = tailBytes;
        }
    }

    /** Keeps {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /** How many bytes were fed in all. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * The last {@code "usage":{...}} in the kept tail (the top-level one in OpenAI bodies; Responses API bodies have it
     * in {@code response}); {@code "usage":null} is skipped. Embeddings have no completion tokens, so those are 0.
     *
     * @return the usage, or null when the tail holds none
     */
    public @Nullable Usage usage() {
        byte[] tail = tail();
        for (int i = tail.length - USAGE_KEY.length; i >= 0; i--) {
            if (!matchesKeyAt(tail, i)) {
                continue;
            }
            int value = skipWhitespace(tail, i + USAGE_KEY.length);
            if (value < tail.length && tail[value] == ':') {
                value = skipWhitespace(tail, value + 1);
                if (value < tail.length && tail[value] == '{') {
                    Usage usage = parseAt(tail, value);
                    if (usage != null) {
                        return usage;
                    }
                }
            }
        }
        return null;
    }

    private byte[] tail() {
        if (head == 0) {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
        byte[] linear = new byte[size];
        System.arraycopy(buffer, head, linear, 0, size - head);
        System.arraycopy(buffer, 0, linear, size - head, head);
        return linear;
    }

    /** The key with an unescaped opening quote: inside a JSON string every quote is escaped. */
    private static boolean matchesKeyAt(byte[] tail, int at) {
        for (int k = 0; k < USAGE_KEY.length; k++) {
            if (tail[at + k] != USAGE_KEY[k]) {
                return false;
            }
        }
        int backslashes = 0;
        for (int j = at - 1; j >= 0 && tail[j] == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private static int skipWhitespace(byte[] tail, int from) {
        int i = from;
        while (i < tail.length && (tail[i] == ' ' || tail[i] == '\t' || tail[i] == '\n' || tail[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static @Nullable Usage parseAt(byte[] tail, int objectStart) {
        try (JsonParser p = Json.FACTORY.createParser(tail, objectStart, tail.length - objectStart)) {
            return p.nextToken() == JsonToken.START_OBJECT ? UsageReader.read(p) : null;
        }
        catch (IOException e) {
            return null; // cut off by the start of the tail, or not JSON after all
        }
    }

    private void grow(int needed) {
        if (buffer.length < needed) {
            int capacity = Math.min(tailBytes, Math.max(INITIAL_CAPACITY, buffer.length));
            while (capacity < needed) {
                capacity = (int) Math.min(tailBytes, capacity * 2L);
            }
            buffer = Arrays.copyOf(buffer, capacity);
        }
    }
}
