package io.aibrix.metadata.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Makes API keys: {@value #PREFIX} followed by 256 random bits in URL-safe base64. With that much entropy a plain
 * SHA-256 is the right stored form: there is nothing to guess, so a slow password hash would only slow every request.
 */
final class KeyGenerator {

    static final String PREFIX = "sk-aibrix-";

    /** The start of a key shown in listings: the fixed prefix and 8 random characters (48 of the 256 bits). */
    static final int DISPLAY_LENGTH = PREFIX.length() + 8;

    private static final int RANDOM_BYTES = 32;

    private final RandomGenerator random;

    /** @param random a cryptographically strong generator in production ({@link java.security.SecureRandom}) */
    KeyGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** A new key: the secret (to show once), its display prefix and its hash (to store). */
    NewKey generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new NewKey(secret, secret.substring(0, DISPLAY_LENGTH), hash(secret));
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    /** A freshly generated key. */
    record NewKey(String secret, String prefix, String hash) {

        @Override
        public String toString() {
            return "NewKey[prefix=" + prefix + "]";
        }
    }
}
