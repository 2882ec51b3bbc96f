package io.aibrix.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * Key lookups remembered for a short time, keyed by the key's digest (the cache never holds a key itself). Positive and
 * negative answers have their own TTL; at most {@code maxEntries} are kept, the least recently used leaving first. An
 * expired positive answer stays until it is replaced or evicted, so it can be served while metadata-service is down.
 *
 * <p>Thread-safe; every method holds the monitor for a map operation only.
 */
final class KeyCache {

    private final Clock clock;
    private final long ttlMillis;
    private final long negativeTtlMillis;
    private final Map<String, Remembered> entries;

    KeyCache(Clock clock, Duration ttl, Duration negativeTtl, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.negativeTtlMillis = negativeTtl.toMillis();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The lookup remembered for {@code digest} if it has not expired, else null. */
    synchronized @Nullable KeyLookup fresh(String digest) {
        Remembered entry = entries.get(digest);
        return entry != null && clock.millis() < entry.expiresAt ? entry.lookup : null;
    }

    /** The caller last resolved for {@code digest}, expired or not; null when none is remembered. */
    synchronized @Nullable Caller stale(String digest) {
        Remembered entry = entries.get(digest);
        return entry == null ? null : entry.lookup.caller();
    }

    synchronized void put(String digest, KeyLookup lookup) {
        long ttl = lookup.known() ? ttlMillis : negativeTtlMillis;
        entries.put(digest, new Remembered(lookup, clock.millis() + ttl));
    }

    synchronized int size() {
        return entries.size();
    }

    private record Remembered(KeyLookup lookup, long expiresAt) {
    }
}
