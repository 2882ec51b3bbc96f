package io.aibrix.batch.openai;

import java.security.SecureRandom;

/** Object ids in OpenAI's shape: a type prefix and 24 random base-62 characters, e.g. {@code file-3kT9...}. */
public final class OpenAiIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final int RANDOM_CHARS = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenAiIds() {
    }

    /** A new id, {@code prefix} followed by 24 random characters (about 143 bits). */
    public static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + RANDOM_CHARS).append(prefix);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
