package io.aibrix.simulator.tokenizer;

/** Fast, stable 64-bit mixing (SplitMix64 finalizer); the same input gives the same value in every process. */
public final class Hashing {

    private Hashing() {
    }

    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long combine(long seed, long value) {
        return mix64(seed * 0x9e3779b97f4a7c15L + value);
    }

    public static long hash(CharSequence text) {
        long h = 0x84222325cbf29ce4L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix64(h);
    }
}
