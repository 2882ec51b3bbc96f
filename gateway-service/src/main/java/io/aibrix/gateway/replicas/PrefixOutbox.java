package io.aibrix.gateway.replicas;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.aibrix.gateway.replicas.ReplicaCodec.Group;

/**
 * This replica's prefix decisions waiting for the next batch. Routing threads {@link #offer} (lock-free, bounded by
 * {@code maxPendingBlocks}); one publishing thread at a time {@link #drain}s them into one {@link Group} per strategy
 * and engine, each block once, and {@link #release}s them once their publish completed, so the bound and
 * {@link #pendingBlocks()} cover decisions both queued and on their way to Redis.
 *
 * <p>A block already published for the same strategy and engine within the refresh interval is left out: peers
 * already hold it, and resending it would only move its idle TTL (minutes) forward by seconds. For hot prefixes this
 * cuts the traffic from every request's whole prompt to its new blocks. The memory of what was published is a
 * fixed-size table that forgets on collisions; forgetting only causes a resend.
 */
final class PrefixOutbox {

    private static final int RECENT_SLOTS = 1 << 16;

    private final Clock clock;
    private final long refreshMillis;
    private final int maxPendingBlocks;
    private final Queue<Routed> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingBlocks = new AtomicInteger();
    /** Touched by the draining thread only. */
    private final long[] recentKeys;
    private final long[] recentStamps;

    PrefixOutbox(Clock clock, Duration refreshInterval, int maxPendingBlocks) {
        if (refreshInterval.isNegative() || maxPendingBlocks < 1) {
            throw new IllegalArgumentException("refreshInterval must not be negative and maxPendingBlocks positive");
        }
        this.clock = clock;
        this.refreshMillis = refreshInterval.toMillis();
        this.maxPendingBlocks = maxPendingBlocks;
        this.recentKeys = refreshMillis > 0 ? new long[RECENT_SLOTS] : new long[0];
        this.recentStamps = refreshMillis > 0 ? new long[RECENT_SLOTS] : new long[0];
    }

    /**
     * Queues one decision for the next batch; false when the batch is full and the decision will not be shared.
     * {@code hashes} is kept, not copied, and must not change afterwards.
     */
    boolean offer(String strategy, String address, long[] hashes, double workSeconds) {
        int blocks = hashes.length;
        if (pendingBlocks.addAndGet(blocks) > maxPendingBlocks) {
            pendingBlocks.addAndGet(-blocks);
            return false;
        }
        pending.add(new Routed(strategy, address, hashes, workSeconds));
        return true;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Block hashes offered and not yet released. */
    int pendingBlocks() {
        return pendingBlocks.get();
    }

    /**
     * Everything queued so far, grouped; groups with neither new blocks nor work are left out. The drained decisions
     * count as pending until {@link #release}d with {@link Drained#blocks()}.
     */
    Drained drain() {
        long now = clock.millis();
        Map<GroupKey, Batch> batches = new LinkedHashMap<>();
        int taken = 0;
        for (Routed routed = pending.poll(); routed != null; routed = pending.poll()) {
            taken += routed.hashes.length;
            Batch batch = batches.computeIfAbsent(new GroupKey(routed.strategy, routed.address), Batch::new);
            batch.work += routed.workSeconds;
            for (long hash : routed.hashes) {
                if (!batch.hashes.contains(hash) && !recentlyPublished(batch.salt, hash, now)) {
                    batch.hashes.add(hash);
                }
            }
        }
        List<Group> groups = new ArrayList<>(batches.size());
        for (Batch batch : batches.values()) {
            if (!batch.hashes.isEmpty() || batch.work > 0) {
                long[] hashes = new long[batch.hashes.size()];
                int i = 0;
                for (long hash : batch.hashes) {
                    hashes[i++] = hash;
                }
                groups.add(new Group(batch.key.strategy, batch.key.address, batch.work, hashes));
            }
        }
        return new Drained(groups, taken);
    }

    /** Frees the room of drained decisions whose publish completed, successfully or not. */
    void release(int blocks) {
        pendingBlocks.addAndGet(-blocks);
    }

    /** Whether the block went out for this group within the refresh interval; if not, notes that it goes out now. */
    private boolean recentlyPublished(long salt, long hash, long now) {
        if (refreshMillis == 0) {
            return false;
        }
        long key = mix(hash ^ salt);
        int slot = (int) (key >>> 48);
        if (recentKeys[slot] == key && now - recentStamps[slot] < refreshMillis) {
            return true;
        }
        recentKeys[slot] = key;
        recentStamps[slot] = now;
        return false;
    }

    /** Murmur3's 64-bit finaliser. */
    private static long mix(long value) {
        long k = value;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** FNV-1a over the strategy and the address: distinguishes the same block held by different groups. */
    private static long salt(GroupKey key) {
        long h = 0xcbf29ce484222325L;
        String text = key.strategy + '\n' + key.address;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * @param groups what to publish
     * @param blocks block hashes of the drained decisions before de-duplication, to {@link #release} afterwards
     */
    record Drained(List<Group> groups, int blocks) {
    }

    private record Routed(String strategy, String address, long[] hashes, double workSeconds) {
    }

    private record GroupKey(String strategy, String address) {
    }

    private static final class Batch {

        final GroupKey key;
        final long salt;
        final Set<Long> hashes = new LinkedHashSet<>();
        double work;

        Batch(GroupKey key) {
            this.key = key;
            this.salt = salt(key);
        }
    }
}
