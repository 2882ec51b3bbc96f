package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.tokenizer.IntList;
import io.aibrix.simulator.tokenizer.WordTokenizer;

/**
 * Reads a completion-style {@code prompt} (or embeddings {@code input}): a string, a one-element list of strings,
 * a list of token ids, or a one-element list of token-id lists. Text gets the BOS token first, as vLLM's
 * {@code add_special_tokens=True} does for Llama-3.
 */
final class PromptReader {

    private static final int BEGIN_OF_TEXT = WordTokenizer.idOf("<|begin_of_text|>");

    private final WordTokenizer tokenizer;

    PromptReader(WordTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    int[] read(JsonNode request, String field) {
        JsonNode prompt = request.get(field);
        if (prompt == null || prompt.isNull()) {
            throw VllmException.badRequest("'" + field + "' is required");
        }
        if (prompt.isTextual()) {
            return textTokens(prompt.asText());
        }
        if (prompt.isArray() && !prompt.isEmpty()) {
            JsonNode first = prompt.get(0);
            if (first.isIntegralNumber()) {
                return tokenIds(prompt, field);
            }
            if (prompt.size() > 1) {
                throw VllmException.badRequest("'" + field + "' holds " + prompt.size()
                        + " prompts; this engine serves one prompt per request");
            }
            if (first.isTextual()) {
                return textTokens(first.asText());
            }
            if (first.isArray()) {
                return tokenIds(first, field);
            }
        }
        throw VllmException.badRequest("'" + field + "' must be a string, a list of token ids or a one-element "
                + "list of either, but was " + abbreviate(prompt));
    }

    private int[] textTokens(String text) {
        IntList ids = new IntList(text.length() / 5 + 2);
        ids.add(BEGIN_OF_TEXT);
        tokenizer.appendTo(text, ids);
        return ids.toArray();
    }

    private static int[] tokenIds(JsonNode array, String field) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() >= WordTokenizer.VOCAB_SIZE) {
                throw VllmException.badRequest("'" + field + "' token id at position " + i + " is out of "
                        + "vocabulary: " + id);
            }
            ids[i] = id.intValue();
        }
        if (ids.length == 0) {
            throw VllmException.badRequest("'" + field + "' must not be empty");
        }
        return ids;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
