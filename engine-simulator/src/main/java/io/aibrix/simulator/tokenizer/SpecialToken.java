package io.aibrix.simulator.tokenizer;

import java.util.HashMap;
import java.util.Map;

/** Llama-3 chat-template markers, each a single token with a reserved id. */
enum SpecialToken {

    BEGIN_OF_TEXT("<|begin_of_text|>", 1),
    START_HEADER("<|start_header_id|>", 2),
    END_HEADER("<|end_header_id|>", 3),
    END_OF_TURN("<|eot_id|>", 4);

    private static final Map<String, SpecialToken> BY_TEXT = new HashMap<>();

    static {
        for (SpecialToken token : values()) {
            BY_TEXT.put(token.text, token);
        }
    }

    private final String text;
    private final int id;

    SpecialToken(String text, int id) {
        this.text = text;
        this.id = id;
    }

    String text() {
        return text;
    }

    int id() {
        return id;
    }

    static SpecialToken byText(String text) {
        return text.startsWith("<|") ? BY_TEXT.get(text) : null;
    }
}
