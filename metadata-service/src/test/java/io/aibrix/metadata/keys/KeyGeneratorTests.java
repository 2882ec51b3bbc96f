package io.aibrix.metadata.keys;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KeyGenerator}. */
class KeyGeneratorTests {

    @Test
    void makesPrefixedHighEntropyKeysWithADisplayPrefixAndTheirHash() {
        KeyGenerator.NewKey key = new KeyGenerator(new Random(1)).generate();

        assertThat(key.secret()).matches("sk-aibrix-[A-Za-z0-9_-]{43}");
        assertThat(key.prefix()).isEqualTo(key.secret().substring(0, 18));
        assertThat(key.hash()).isEqualTo(KeyGenerator.hash(key.secret())).hasSize(64);
        assertThat(key.toString()).doesNotContain(key.secret());
    }

    @Test
    void hashesWithSha256() {
        assertThat(KeyGenerator.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void neverRepeatsAKey() {
        KeyGenerator generator = new KeyGenerator(new java.security.SecureRandom());

        assertThat(generator.generate().secret()).isNotEqualTo(generator.generate().secret());
    }
}
