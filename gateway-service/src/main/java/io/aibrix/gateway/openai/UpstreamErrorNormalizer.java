package io.aibrix.gateway.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;

/**
 * Turns an upstream error response body into exactly one OpenAI error envelope (AIBrix e3e10f9e, without its
 * double-wrapping bug):
 * <ul>
 * <li>a JSON object with an {@code error} object passes through byte for byte;</li>
 * <li>a flat JSON object with a string {@code message} (vLLM's {@code {"object":"error","message",..}}) is wrapped
 * once, keeping its {@code type}, {@code param} and {@code code} values as they are (a numeric code stays a number);
 * a missing or null type is derived from the status;</li>
 * <li>a JSON object whose {@code error} is a string is wrapped with that string as the message;</li>
 * <li>anything else (HTML, plain text, empty, arrays, invalid JSON) becomes the message of a fresh envelope, cut to
 * about 1 KiB, with the type derived from the status.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class UpstreamErrorNormalizer {

    static final int MAX_MESSAGE_CHARS = 1024;

    /**
     * @param status      the upstream HTTP status
     * @param body        the complete upstream body
     * @param contentType the upstream {@code Content-Type}, or null; only its charset is used (for text bodies)
     * @return the envelope to send to the client in UTF-8 (the same array when it passes through)
     */
    public byte[] normalize(int status, byte[] body, @Nullable String contentType) {
        byte[] fromJson = fromJsonObject(status, body);
        return fromJson != null ? fromJson : ErrorBodies.json(status, text(status, body, contentType), null, null);
    }

    /** The envelope for a JSON object body that carries an error, or null for any other body. */
    private static @Nullable byte[] fromJsonObject(int status, byte[] body) {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean nested = false;
            String message = null;
            String errorText = null;
            Scalar type = Scalar.ABSENT;
            Scalar param = Scalar.ABSENT;
            Scalar code = Scalar.ABSENT;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                switch (name) {
                    case "error" -> {
                        nested |= token == JsonToken.START_OBJECT;
                        errorText = token == JsonToken.VALUE_STRING ? p.getText() : errorText;
                    }
                    case "message" -> message = token == JsonToken.VALUE_STRING ? p.getText() : message;
                    case "type" -> type = Scalar.read(p);
                    case "param" -> param = Scalar.read(p);
                    case "code" -> code = Scalar.read(p);
                    default -> {
                    }
                }
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                return null;
            }
            if (nested) {
                return body;
            }
            String text = message != null ? message : errorText;
            return text == null ? null : wrap(status, text, type, param, code);
        }
        catch (IOException e) {
            return null; // not JSON: handled as text
        }
    }

    private static byte[] wrap(int status, String message, Scalar type, Scalar param, Scalar code) {
        ByteArrayBuilder out = new ByteArrayBuilder(128 + message.length());
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("error");
            g.writeStartObject();
            g.writeStringField("message", message);
            g.writeFieldName("type");
            if (type.token() == null || type.token() == JsonToken.VALUE_NULL) {
                g.writeString(ErrorBodies.type(status));
            }
            else {
                type.write(g);
            }
            g.writeFieldName("param");
            param.write(g);
            g.writeFieldName("code");
            code.write(g);
            g.writeEndObject();
            g.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: writes go to memory
        }
        return out.toByteArray();
    }

    private static String text(int status, byte[] body, @Nullable String contentType) {
        // Decode only what can survive the cut: a multi-megabyte HTML page is not decoded whole.
        int decoded = Math.min(body.length, MAX_MESSAGE_CHARS * 4);
        String text = new String(body, 0, decoded, charset(contentType)).strip();
        if (text.isEmpty()) {
            return "upstream returned HTTP " + status + " with an empty body";
        }
        if (text.length() <= MAX_MESSAGE_CHARS && decoded == body.length) {
            return text;
        }
        int end = Math.min(text.length(), MAX_MESSAGE_CHARS);
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "... (truncated)";
    }

    private static Charset charset(@Nullable String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset charset = MediaType.parseMediaType(contentType).getCharset();
            return charset != null ? charset : StandardCharsets.UTF_8;
        }
        catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8; // InvalidMediaTypeException and unsupported charsets alike
        }
    }

    /** A scalar JSON value kept with its token type, so a numeric code is written back as a number. */
    private record Scalar(@Nullable JsonToken token, @Nullable String text) {

        static final Scalar ABSENT = new Scalar(null, null);

        /** The scalar the parser stands on; objects and arrays count as absent. */
        static Scalar read(JsonParser p) throws IOException {
            JsonToken token = p.currentToken();
            return token.isScalarValue() ? new Scalar(token, p.getText()) : ABSENT;
        }

        void write(JsonGenerator g) throws IOException {
            if (token == null || text == null) {
                g.writeNull();
                return;
            }
            switch (token) {
                case VALUE_STRING -> g.writeString(text);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(text);
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                default -> g.writeNull();
            }
        }
    }
}
