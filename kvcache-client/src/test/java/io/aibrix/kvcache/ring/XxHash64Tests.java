package io.aibrix.kvcache.ring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link XxHash64}, against the reference implementation's sanity vectors. */
class XxHash64Tests {

    private static final long PRIME32 = 2654435761L;

    /** The reference sanity buffer: byte i is the top byte of 2654435761 * 11400714785074694797^i (mod 2^64). */
    private static byte[] sanityBuffer(int length) {
        byte[] buffer = new byte[length];
        long generator = PRIME32;
        for (int i = 0; i < length; i++) {
            buffer[i] = (byte) (generator >>> 56);
            generator *= 0x9E3779B185EBCA8DL;
        }
        return buffer;
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0, EF46DB3751D8E999",
            "0, 2654435761, AC75FDA2929B17EF",
            "1, 0, E934A84ADB052768",
            "1, 2654435761, 5014607643A9B4C3",
            "4, 0, 9136A0DCA57457EE",
            "14, 0, 8282DCC4994E35C8",
            "14, 2654435761, C3BD6BF63DEB6DF0",
            "222, 0, B641AE8CB691C174",
            "222, 2654435761, 20CB8AB7AE10C14A"})
    void matchesTheReferenceSanityVectors(int length, long seed, String expected) {
        assertThat(XxHash64.hash(sanityBuffer(222), 0, length, seed)).isEqualTo(Long.parseUnsignedLong(expected, 16));
    }

    @Test
    void hashesTextAsUtf8WithSeedZero() {
        assertThat(XxHash64.hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(XxHash64.hash("Nobody inspects the spammish repetition")).isEqualTo(0xFBCEA83C8A378BF1L);
        assertThat(XxHash64.hash("ü")).isEqualTo(XxHash64.hash("ü".getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void hashesASliceLikeTheSameBytesAlone() {
        byte[] buffer = sanityBuffer(100);
        byte[] slice = Arrays.copyOfRange(buffer, 7, 90);
        assertThat(XxHash64.hash(buffer, 7, 83, 42)).isEqualTo(XxHash64.hash(slice, 42));
    }
}
