package io.aibrix.gateway.openai;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/**
 * What the data of one streamed event means to accounting. Only data containing the bytes {@code "usage"} or
 * {@code "error"} is JSON-parsed; every other chunk is classified by a byte search and allocates nothing.
 */
final class StreamEvent {

    enum Kind {
        /** {@code [DONE]} */
        DONE,
        /** A chunk: content, usage, or both. */
        CHUNK,
        ERROR,
        /** Mentions usage or error but is not a JSON object. */
        MALFORMED
    }

    static final StreamEvent DONE = new StreamEvent(Kind.DONE);
    static final StreamEvent CONTENT = new StreamEvent(Kind.CHUNK);
    static final StreamEvent MALFORMED = new StreamEvent(Kind.MALFORMED);

    private static final byte[] DONE_MARKER = {'[', 'D', 'O', 'N', 'E', ']'};
    private static final byte[] USAGE_KEY = {'"', 'u', 's', 'a', 'g', 'e', '"'};
    private static final byte[] ERROR_KEY = {'"', 'e', 'r', 'r', 'o', 'r', '"'};

    final Kind kind;
    /** Whether a chunk carries choices: false for usage-only chunks (empty {@code choices}, or usage and none). */
    boolean content = true;
    @Nullable Usage usage;
    @Nullable String errorMessage;

    private StreamEvent(Kind kind) {
        this.kind = kind;
    }

    /** Classifies {@code length} bytes of event data. */
    static StreamEvent of(byte[] data, int length) {
        if (isDone(data, length)) {
            return DONE;
        }
        if (indexOf(data, length, USAGE_KEY) < 0 && indexOf(data, length, ERROR_KEY) < 0) {
            return CONTENT;
        }
        try (JsonParser p = Json.FACTORY.createParser(data, 0, length)) {
            return p.nextToken() == JsonToken.START_OBJECT ? read(p) : MALFORMED;
        }
        catch (IOException e) {
            return MALFORMED;
        }
    }

    private static StreamEvent read(JsonParser p) throws IOException {
        Usage usage = null;
        int choices = -1; // -1 absent, 0 empty, 1 some
        boolean error = false;
        boolean flatError = false;
        String errorMessage = null;
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "usage" -> usage = token == JsonToken.START_OBJECT ? UsageReader.read(p) : usage;
                case "response" -> usage = usage != null ? usage : responseUsage(p, token);
                case "choices" -> choices = choices(p, token);
                case "error" -> {
                    error |= token == JsonToken.START_OBJECT || token == JsonToken.VALUE_STRING;
                    errorMessage = token == JsonToken.VALUE_STRING ? p.getText()
                            : token == JsonToken.START_OBJECT ? errorMessage(p) : errorMessage;
                }
                case "object" -> flatError = token == JsonToken.VALUE_STRING && "error".equals(p.getText());
                case "message" -> message = token == JsonToken.VALUE_STRING ? p.getText() : message;
                default -> {
                }
            }
            p.skipChildren();
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return MALFORMED;
        }
        if (error || flatError) { // flat: older vLLM's {"object":"error","message":..,"type":..,"code":..}
            StreamEvent event = new StreamEvent(Kind.ERROR);
            event.errorMessage = error ? errorMessage : message;
            return event;
        }
        StreamEvent event = new StreamEvent(Kind.CHUNK);
        event.usage = usage;
        event.content = choices == 1 || (choices == -1 && usage == null);
        return event;
    }

    /** The {@code message} of an error object, read to its end. */
    private static @Nullable String errorMessage(JsonParser p) throws IOException {
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean isMessage = "message".equals(p.currentName());
            if (p.nextToken() == JsonToken.VALUE_STRING && isMessage) {
                message = p.getText();
            }
            p.skipChildren();
        }
        return message;
    }

    /** Reads a {@code choices} array to its end: 0 when empty, 1 otherwise, -1 when not an array. */
    private static int choices(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return -1;
        }
        JsonToken element = p.nextToken();
        int choices = element == JsonToken.END_ARRAY ? 0 : 1;
        while (element != JsonToken.END_ARRAY && element != null) {
            p.skipChildren();
            element = p.nextToken();
        }
        return choices;
    }

    /** The Responses API puts usage in {@code response.usage} of its {@code response.completed} event. */
    private static @Nullable Usage responseUsage(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        Usage usage = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean isUsage = "usage".equals(p.currentName());
            if (p.nextToken() == JsonToken.START_OBJECT && isUsage) {
                usage = UsageReader.read(p);
            }
            p.skipChildren();
        }
        return usage;
    }

    private static boolean isDone(byte[] data, int length) {
        int end = length;
        while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
            end--;
        }
        return Arrays.equals(data, 0, end, DONE_MARKER, 0, DONE_MARKER.length);
    }

    private static int indexOf(byte[] data, int length, byte[] key) {
        int last = length - key.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int k = 0; k < key.length; k++) {
                if (data[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
