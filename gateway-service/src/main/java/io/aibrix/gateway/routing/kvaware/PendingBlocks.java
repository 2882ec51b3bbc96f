package io.aibrix.gateway.routing.kvaware;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prompt blocks the gateway has sent an engine to prefill that the engine may not have reported caching yet. A
 * request holds its blocks from routing until it ends (an engine cannot evict a running request's blocks), and they
 * count for {@code grace} longer, for engines whose KV event feed lags behind the request's end. Without this, the requests of a new prefix that arrive during its first prefill see no holder and
 * scatter, each engine prefilling the same prefix again (Dynamo's router tracks its active sequences' blocks for the
 * same reason). After that the engine's feed is the only truth: an evicted block stops counting once its grace ends.
 *
 * <p>Lock-free for readers (one map lookup per block); holds and releases update per-block counts atomically. A
 * request that is never released (which the gateway's request lifecycle rules out) stops counting after
 * {@code maxAge}, and a periodic sweep forgets released and expired blocks.
 */
final class PendingBlocks {

    /** Engine address to block key to the requests holding that block there. */
    private final Map<String, ConcurrentHashMap<Long, Hold>> engines = new ConcurrentHashMap<>();
    private final Map<String, Held> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    private final Clock clock;
    private final long graceMillis;
    private final long maxAgeMillis;

    PendingBlocks(Clock clock, Duration grace, Duration maxAge) {
        if (grace.isNegative() || !maxAge.isPositive()) {
            throw new IllegalArgumentException("grace must not be negative and maxAge must be positive");
        }
        this.clock = clock;
        this.graceMillis = grace.toMillis();
        this.maxAgeMillis = maxAge.toMillis();
    }

    /**
     * Records that {@code requestId} was sent to {@code address} with these prompt block keys; a request routed again
     * (a retry) gives up what it held before.
     */
    void hold(String requestId, String address, long[] keys) {
        long now = clock.millis();
        sweepIfDue(now);
        release(requestId, now);
        if (keys.length == 0) {
            return;
        }
        ConcurrentHashMap<Long, Hold> blocks = engines.computeIfAbsent(address, a -> new ConcurrentHashMap<>());
        for (long key : keys) {
            blocks.compute(key, (k, hold) -> hold == null ? new Hold(1, now, now) : hold.plusOne(now));
        }
        requests.put(requestId, new Held(address, keys, now));
    }

    /** The request ended: its blocks count for the grace period, unless another request still holds them. */
    void release(String requestId) {
        release(requestId, clock.millis());
    }

    /**
     * How many leading blocks of the prompt {@code address} holds or is about to, given that it caches the first
     * {@code cached}: the walk goes on from there over pending blocks.
     */
    int extend(String address, long[] keys, int cached) {
        ConcurrentHashMap<Long, Hold> blocks = engines.get(address);
        if (blocks == null || blocks.isEmpty()) {
            return cached;
        }
        long now = clock.millis();
        int matched = cached;
        while (matched < keys.length && counts(blocks.get(keys[matched]), now)) {
            matched++;
        }
        return matched;
    }

    /** Blocks currently tracked over all engines, counting or waiting to be swept. */
    int size() {
        int size = 0;
        for (ConcurrentHashMap<Long, Hold> blocks : engines.values()) {
            size += blocks.size();
        }
        return size;
    }

    private void release(String requestId, long now) {
        Held held = requests.remove(requestId);
        if (held == null) {
            return;
        }
        ConcurrentHashMap<Long, Hold> blocks = engines.get(held.address());
        if (blocks == null) {
            return;
        }
        for (long key : held.keys()) {
            blocks.computeIfPresent(key, (k, hold) -> hold.minusOne(now));
        }
    }

    private boolean counts(Hold hold, long now) {
        if (hold == null) {
            return false;
        }
        return hold.requests() > 0 ? now - hold.heldAt() < maxAgeMillis : now - hold.releasedAt() < graceMillis;
    }

    /** At most once per grace period (and at least once a second): drops requests past maxAge, then dead blocks. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + Math.clamp(graceMillis, 1, 1000))) {
            return;
        }
        requests.forEach((requestId, held) -> {
            if (now - held.heldAt() >= maxAgeMillis) {
                // Released a grace period ago: it stopped counting at maxAge and must not count again.
                release(requestId, now - graceMillis);
            }
        });
        engines.values().forEach(blocks -> blocks.keySet().forEach(
                key -> blocks.computeIfPresent(key, (k, hold) -> counts(hold, now) ? hold : null)));
    }

    /**
     * @param requests   requests in flight holding the block
     * @param heldAt     when the latest of them was routed, epoch millis
     * @param releasedAt when the latest of them ended, epoch millis
     */
    private record Hold(int requests, long heldAt, long releasedAt) {

        Hold plusOne(long now) {
            return new Hold(requests + 1, now, releasedAt);
        }

        Hold minusOne(long now) {
            return new Hold(Math.max(0, requests - 1), heldAt, now);
        }
    }

    private record Held(String address, long[] keys, long heldAt) {
    }
}
