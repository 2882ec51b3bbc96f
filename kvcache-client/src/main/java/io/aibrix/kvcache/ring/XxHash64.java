package io.aibrix.kvcache.ring;

import java.nio.charset.StandardCharsets;

/**
 * XXH64 (xxHash, 64-bit), as specified by its reference implementation, over little-endian input. The ring hashes
 * keys, slots and virtual-node names with it (seed 0, UTF-8), as AIBrix's kvcache-watcher does with xxhash64.
 */
public final class XxHash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    /** XXH64 of the UTF-8 bytes of {@code text}, seed 0. */
    public static long hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static long hash(byte[] data, long seed) {
        return hash(data, 0, data.length, seed);
    }

    public static long hash(byte[] data, int offset, int length, long seed) {
        int end = offset + length;
        int at = offset;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - 32;
            do {
                v1 = round(v1, longAt(data, at));
                v2 = round(v2, longAt(data, at + 8));
                v3 = round(v3, longAt(data, at + 16));
                v4 = round(v4, longAt(data, at + 24));
                at += 32;
            } while (at <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        }
        else {
            h = seed + P5;
        }
        h += length;
        while (at + 8 <= end) {
            h ^= round(0, longAt(data, at));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            at += 8;
        }
        if (at + 4 <= end) {
            h ^= (intAt(data, at) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            at += 4;
        }
        while (at < end) {
            h ^= (data[at] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            at++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long value) {
        return (acc ^ round(0, value)) * P1 + P4;
    }

    private static long longAt(byte[] data, int at) {
        return (data[at] & 0xFFL) | (data[at + 1] & 0xFFL) << 8 | (data[at + 2] & 0xFFL) << 16
                | (data[at + 3] & 0xFFL) << 24 | (data[at + 4] & 0xFFL) << 32 | (data[at + 5] & 0xFFL) << 40
                | (data[at + 6] & 0xFFL) << 48 | (data[at + 7] & 0xFFL) << 56;
    }

    private static int intAt(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16 | (data[at + 3] & 0xFF) << 24;
    }
}
