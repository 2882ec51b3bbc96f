package io.aibrix.gateway.pd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/**
 * The top-level fields of one JSON object as byte ranges of the original text, so fields can be removed, replaced or
 * added without re-serialising the rest: every byte of a field left alone (name, value, the whitespace inside it and
 * the separator before it) is copied as it came, so numbers, escapes and key order survive exactly.
 */
final class TopLevelFields {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One field: {@code json[start, valueStart)} is its name, colon and the whitespace around them;
     * {@code json[valueStart, end)} is its value.
     */
    record Field(String name, int start, int valueStart, int end) {
    }

    private final byte[] json;

    private final List<Field> fields;

    /** Offset of the closing brace. */
    private final int close;

    private TopLevelFields(byte[] json, List<Field> fields, int close) {
        this.json = json;
        this.fields = fields;
        this.close = close;
    }

    /** @throws IllegalArgumentException when {@code json} is not exactly one JSON object */
    static TopLevelFields parse(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            List<Field> fields = new ArrayList<>();
            JsonToken token = p.nextToken();
            while (token == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int start = offset(p);
                p.nextToken();
                int valueStart = offset(p);
                p.skipChildren();
                token = p.nextToken();
                // Only whitespace and at most one comma lie between a value's last byte and the next token.
                fields.add(new Field(name, start, valueStart, valueEnd(json, offset(p))));
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            int close = offset(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("data after the JSON object");
            }
            return new TopLevelFields(json, List.copyOf(fields), close);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The last field of that name (the one a Python or Jackson reader keeps), or null. */
    @Nullable Field field(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name().equals(name)) {
                return fields.get(i);
            }
        }
        return null;
    }

    /** The raw JSON text of a field's value. */
    byte[] value(Field field) {
        return Arrays.copyOfRange(json, field.valueStart(), field.end());
    }

    /** Whether the field's value is a JSON object. */
    boolean isObject(Field field) {
        return json[field.valueStart()] == '{';
    }

    /**
     * The object with the named fields removed (every occurrence), the fields in {@code set} given those raw JSON
     * values (in place of their first occurrence, later ones dropped; appended in map order when absent), and every
     * other byte as it was.
     *
     * @param set field name to raw JSON value; names must need no JSON escaping
     */
    byte[] rewrite(Set<String> remove, Map<String, byte[]> set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 256);
        // Bytes before the first field ('{' and whitespace), and from the end of the last field's value on.
        int head = fields.isEmpty() ? close : fields.get(0).start();
        int tail = fields.isEmpty() ? close : fields.get(fields.size() - 1).end();
        out.write(json, 0, head);
        Set<String> written = new HashSet<>();
        int previous = -1;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            byte[] replacement = set.get(field.name());
            if (remove.contains(field.name()) || replacement != null && written.contains(field.name())) {
                continue;
            }
            if (previous >= 0) {
                if (previous == i - 1) {
                    int end = fields.get(previous).end();
                    out.write(json, end, field.start() - end);
                }
                else {
                    out.write(',');
                }
            }
            if (replacement == null) {
                out.write(json, field.start(), field.end() - field.start());
            }
            else {
                out.write(json, field.start(), field.valueStart() - field.start());
                out.writeBytes(replacement);
                written.add(field.name());
            }
            previous = i;
        }
        boolean comma = previous >= 0;
        for (Map.Entry<String, byte[]> entry : set.entrySet()) {
            if (written.contains(entry.getKey())) {
                continue;
            }
            if (comma) {
                out.write(',');
            }
            out.write('"');
            out.writeBytes(entry.getKey().getBytes(StandardCharsets.UTF_8));
            out.write('"');
            out.write(':');
            out.writeBytes(entry.getValue());
            comma = true;
        }
        out.write(json, tail, json.length - tail);
        return out.toByteArray();
    }

    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    private static int valueEnd(byte[] json, int next) {
        int i = skipWhitespaceBack(json, next);
        if (i > 0 && json[i - 1] == ',') {
            i = skipWhitespaceBack(json, i - 1);
        }
        return i;
    }

    private static int skipWhitespaceBack(byte[] json, int from) {
        int i = from;
        while (i > 0 && isWhitespace(json[i - 1])) {
            i--;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
