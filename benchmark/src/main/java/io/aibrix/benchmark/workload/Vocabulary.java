package io.aibrix.benchmark.workload;

import java.util.random.RandomGenerator;

/**
 * A fixed vocabulary of 4096 distinct four-letter words. The engine's tokenizer counts one whitespace-separated word
 * as one token, so a text of {@code n} words costs exactly {@code n} prompt tokens.
 */
public final class Vocabulary {

    private static final String CONSONANTS = "bdfghklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final int SYLLABLES = CONSONANTS.length() * VOWELS.length();
    static final int SIZE = 4096;
    private static final String[] WORDS = build();

    private Vocabulary() {
    }

    /** {@code count} words drawn uniformly from the vocabulary, separated by single spaces. */
    public static String words(RandomGenerator random, int count) {
        StringBuilder text = new StringBuilder(count * 5);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(SIZE)]);
        }
        return text.toString();
    }

    static String word(int index) {
        return WORDS[index];
    }

    private static String[] build() {
        String[] words = new String[SIZE];
        for (int i = 0; i < SIZE; i++) {
            words[i] = syllable(i % SYLLABLES) + syllable(i / SYLLABLES);
        }
        return words;
    }

    private static String syllable(int index) {
        return "" + CONSONANTS.charAt(index / VOWELS.length()) + VOWELS.charAt(index % VOWELS.length());
    }
}
