package io.aibrix.gateway.openai;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Collects the prompt of one request while the parser walks it: texts joined by single spaces (copied straight from
 * the parser's character buffer), token IDs counted.
 */
final class PromptReader {

    private enum Shape {
        TEXTS, TOKEN_IDS, TOKEN_ID_ARRAYS
    }

    private final StringBuilder text = new StringBuilder(256);
    private int tokenIds;

    /** The collected text, texts joined by single spaces. */
    String text() {
        return text.toString();
    }

    /** Token IDs counted exactly plus ceil(text chars / 4); at least 1 when there is text. */
    int estimatedTokens() {
        long estimate = tokenIds + (text.length() + 3L) / 4;
        return (int) Math.min(estimate, Integer.MAX_VALUE);
    }

    /** Chat {@code messages}: a non-empty array of objects whose {@code content} is a string or an array of parts. */
    void readMessages(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(p, field, "'" + field + "' must be a non-empty array");
        }
        int index = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken(), index++) {
            if (token != JsonToken.START_OBJECT) {
                throw invalid(p, field, "'" + field + "[" + index + "]' must be an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean content = "content".equals(p.currentName());
                p.nextToken();
                if (content) {
                    readContent(p, field, index);
                }
                else {
                    p.skipChildren();
                }
            }
        }
        if (index == 0) {
            throw new InvalidRequestException("'" + field + "' must be a non-empty array", field);
        }
    }

    /** Completion {@code prompt} / embedding {@code input}: a string, or a non-empty array of one prompt shape. */
    void readPrompt(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            appendNonEmpty(p, field);
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            throw shapeError(p, field);
        }
        Shape shape = null;
        for (token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            Shape element = switch (token) {
                case VALUE_STRING -> Shape.TEXTS;
                case VALUE_NUMBER_INT -> Shape.TOKEN_IDS;
                case START_ARRAY -> Shape.TOKEN_ID_ARRAYS;
                default -> throw shapeError(p, field);
            };
            if (shape != null && shape != element) {
                throw new InvalidRequestException("'" + field + "' must not mix strings, token IDs and token ID arrays",
                        field);
            }
            shape = element;
            switch (element) {
                case TEXTS -> appendNonEmpty(p, field);
                case TOKEN_IDS -> tokenIds++;
                case TOKEN_ID_ARRAYS -> readTokenIds(p, field);
            }
        }
        if (shape == null) {
            throw new InvalidRequestException("'" + field + "' must not be empty", field);
        }
    }

    private void readContent(JsonParser p, String field, int index) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING -> append(p);
            case VALUE_NULL -> {
                // assistant messages that only carry tool calls
            }
            case START_ARRAY -> {
                for (JsonToken part = p.nextToken(); part != JsonToken.END_ARRAY; part = p.nextToken()) {
                    if (part != JsonToken.START_OBJECT) {
                        throw invalid(p, field, "'" + field + "[" + index + "].content' parts must be objects");
                    }
                    readPart(p);
                }
            }
            default -> throw invalid(p, field,
                    "'" + field + "[" + index + "].content' must be a string or an array of content parts");
        }
    }

    /** A content part: its string {@code text} counts (type {@code text}); images, audio and the rest do not. */
    private void readPart(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean text = "text".equals(p.currentName());
            if (p.nextToken() == JsonToken.VALUE_STRING && text) {
                append(p);
            }
            else {
                p.skipChildren();
            }
        }
    }

    private void readTokenIds(JsonParser p, String field) throws IOException {
        int count = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw shapeError(p, field);
            }
            count++;
        }
        if (count == 0) {
            throw new InvalidRequestException("'" + field + "' must not contain an empty token ID array", field);
        }
        tokenIds += count;
    }

    private void appendNonEmpty(JsonParser p, String field) throws IOException {
        if (p.getTextLength() == 0) {
            throw new InvalidRequestException("'" + field + "' must not be an empty string", field);
        }
        append(p);
    }

    private void append(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length == 0) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(p.getTextCharacters(), p.getTextOffset(), length);
    }

    private static InvalidRequestException shapeError(JsonParser p, String field) throws IOException {
        return invalid(p, field, "'" + field
                + "' must be a string, an array of strings, an array of token IDs or an array of token ID arrays");
    }

    private static InvalidRequestException invalid(JsonParser p, String field, String problem) throws IOException {
        return new InvalidRequestException(problem + ", got " + Json.describe(p), field);
    }
}
