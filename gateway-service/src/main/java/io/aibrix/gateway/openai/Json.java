package io.aibrix.gateway.openai;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The package's one Jackson factory (thread-safe, shared) and small streaming-parser helpers. */
final class Json {

    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private static final int MAX_CHARS = 40;

    private Json() {
    }

    /** The current value as an error message shows it: strings quoted and cut short, containers only named. */
    static String describe(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> '"' + cut(p.getText()) + '"';
            case null -> "nothing";
            default -> cut(p.getText());
        };
    }

    private static String cut(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
    }
}
