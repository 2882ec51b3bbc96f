package io.aibrix.simulator.tokenizer;

import java.util.function.Consumer;

/**
 * The vocabulary the simulated model "generates" from: 4096 pronounceable pseudo-words built from syllables, chosen
 * per position by a hash of the request seed, so the same request always produces the same text and that text
 * re-tokenizes to exactly the generated ids.
 */
public final class GeneratedWords {

    private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
            "br", "st"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
    private static final String[] CODAS = {"", "n", "r", "s", "l", "m", "t", "x"};
    private static final String[] WORDS = build();

    private GeneratedWords() {
    }

    private static String[] build() {
        // 16 onsets x 8 vowels x 8 codas = 1024 syllables; two-syllable words with a 4-way second onset = 4096.
        String[] words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            int syllable = i % 1024;
            String first = ONSETS[syllable / 64] + VOWELS[(syllable / 8) % 8] + CODAS[syllable % 8];
            String second = ONSETS[(i / 1024) * 3 % ONSETS.length] + VOWELS[(i / 1024 + syllable) % 8];
            words[i] = first + second;
        }
        return words;
    }

    public static String word(long requestSeed, int position) {
        return WORDS[(int) Long.remainderUnsigned(Hashing.combine(requestSeed, position), WORDS.length)];
    }

    static void forEach(Consumer<String> action) {
        for (String word : WORDS) {
            action.accept(word);
        }
    }
}
