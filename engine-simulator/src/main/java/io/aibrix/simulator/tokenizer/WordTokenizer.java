package io.aibrix.simulator.tokenizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic word tokenizer: every whitespace-separated word is one token whose id is a stable hash of the word,
 * so any process (engine, gateway, benchmark) computes the same ids without sharing state. Special chat-template
 * tokens have reserved ids below {@link #FIRST_WORD_ID}.
 */
public final class WordTokenizer {

    /** Llama-3's vocabulary size, so ids look like a real model's. */
    public static final int VOCAB_SIZE = 128_256;
    static final int FIRST_WORD_ID = 256;
    private static final int MAX_REMEMBERED_WORDS = 1 << 20;

    private final Map<Integer, String> wordsById = new ConcurrentHashMap<>();

    public WordTokenizer() {
        for (SpecialToken special : SpecialToken.values()) {
            wordsById.put(special.id(), special.text());
        }
        GeneratedWords.forEach(word -> wordsById.put(idOf(word), word));
    }

    public int[] encode(String text) {
        IntList ids = new IntList(Math.max(8, text.length() / 5));
        appendTo(text, ids);
        return ids.toArray();
    }

    /** Appends the ids of {@code text}'s words to {@code out}. */
    public void appendTo(String text, IntList out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = text.substring(start, i);
                int id = idOf(word);
                if (wordsById.size() < MAX_REMEMBERED_WORDS) {
                    wordsById.putIfAbsent(id, word);
                }
                out.add(id);
            }
        }
    }

    /** Joins the words with single spaces; ids never seen by this tokenizer decode as {@code <id>}. */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length * 6);
        for (int id : ids) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word(id));
        }
        return text.toString();
    }

    public String word(int id) {
        String word = wordsById.get(id);
        return word != null ? word : "<" + id + ">";
    }

    public static int idOf(String word) {
        SpecialToken special = SpecialToken.byText(word);
        if (special != null) {
            return special.id();
        }
        return FIRST_WORD_ID + (int) Long.remainderUnsigned(Hashing.hash(word), VOCAB_SIZE - FIRST_WORD_ID);
    }
}
