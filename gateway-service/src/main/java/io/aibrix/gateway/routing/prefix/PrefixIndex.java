package io.aibrix.gateway.routing.prefix;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.aibrix.gateway.routing.Candidate;

/**
 * The approximate index of which engine holds which prompt blocks: block hash to the pods a request with that block
 * was routed to, each with the time it was last routed there. It learns only from routing decisions (optimistic: a
 * block counts as cached on a pod from the moment a request carrying it is sent there).
 *
 * <p>Bounded three ways: a pod's claim on a block expires after the idle TTL (ignored by lookups at once, dropped when
 * the block is next written or reaches the head of its segment); at most {@code maxBlocks} blocks, least recently
 * used first; and pods that left discovery are forgotten by {@link #retainPods}. A pod that comes back at the same
 * address starts with nothing indexed, like the cold engine it is.
 *
 * <p>Lock-light: the blocks are spread over {@value #SEGMENTS} access-ordered maps, each with its own monitor, held for
 * one block at a time, never across a prompt walk. Monitors rather than {@code j.u.c} locks because an uncontended
 * monitor never parks an event-loop thread.
 */
final class PrefixIndex {

    static final int SEGMENTS = 64;

    /** Expired head entries removed per write, bounding the clean-up work one request does. */
    private static final int TRIM_PER_WRITE = 8;

    private final Clock clock;
    private final long ttlMillis;
    private final Segment[] segments = new Segment[SEGMENTS];
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();

    PrefixIndex(Clock clock, Duration idleTtl, int maxBlocks) {
        if (idleTtl.isNegative() || idleTtl.isZero() || maxBlocks < 1) {
            throw new IllegalArgumentException("idleTtl and maxBlocks must be positive");
        }
        this.clock = clock;
        this.ttlMillis = idleTtl.toMillis();
        int perSegment = Math.max(1, (maxBlocks + SEGMENTS - 1) / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    /**
     * Per candidate (aligned with {@code candidates}), how many leading blocks of the prompt it holds: the walk stops
     * for a pod at its first missing or expired block.
     */
    int[] match(long[] hashes, List<Candidate> candidates) {
        int n = candidates.size();
        int[] matched = new int[n];
        Pod[] walking = new Pod[n];
        int alive = 0;
        for (int i = 0; i < n; i++) {
            walking[i] = pods.get(candidates.get(i).endpoint().address());
            if (walking[i] != null) {
                alive++;
            }
        }
        long freshFrom = clock.millis() - ttlMillis;
        for (int b = 0; b < hashes.length && alive > 0; b++) {
            Segment segment = segment(hashes[b]);
            synchronized (segment) {
                Holders holders = segment.blocks.get(hashes[b]);
                for (int i = 0; i < n; i++) {
                    if (walking[i] == null) {
                        continue;
                    }
                    if (holders != null && holders.holds(walking[i], freshFrom)) {
                        matched[i] = b + 1;
                    }
                    else {
                        walking[i] = null;
                        alive--;
                    }
                }
            }
        }
        return matched;
    }

    /** Leading blocks of the prompt the pod at {@code address} holds. */
    int match(long[] hashes, String address) {
        Pod pod = pods.get(address);
        if (pod == null) {
            return 0;
        }
        long freshFrom = clock.millis() - ttlMillis;
        for (int b = 0; b < hashes.length; b++) {
            Segment segment = segment(hashes[b]);
            synchronized (segment) {
                Holders holders = segment.blocks.get(hashes[b]);
                if (holders == null || !holders.holds(pod, freshFrom)) {
                    return b;
                }
            }
        }
        return hashes.length;
    }

    /** Records that the pod at {@code address} now holds every block of the prompt, as of now. */
    void record(long[] hashes, String address) {
        Pod pod = pods.computeIfAbsent(address, Pod::new);
        long now = clock.millis();
        long freshFrom = now - ttlMillis;
        for (long hash : hashes) {
            Segment segment = segment(hash);
            synchronized (segment) {
                Holders holders = segment.blocks.get(hash);
                if (holders == null) {
                    holders = new Holders();
                    segment.blocks.put(hash, holders);
                }
                holders.touch(pod, now, freshFrom);
                segment.trimExpired(freshFrom);
                segment.size = segment.blocks.size();
            }
        }
    }

    /** Forgets every pod whose address is not in {@code live}; their blocks no longer match anything. */
    void retainPods(Set<String> live) {
        pods.values().removeIf(pod -> {
            if (live.contains(pod.address)) {
                return false;
            }
            pod.gone = true;
            return true;
        });
    }

    /** Blocks the pod at {@code address} holds in the index (expired claims included until they are dropped). */
    long blocksHeld(String address) {
        Pod pod = pods.get(address);
        return pod == null ? 0 : pod.blocks.get();
    }

    /** Blocks in the index. */
    long size() {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.size;
        }
        return total;
    }

    private Segment segment(long hash) {
        return segments[(int) (hash >>> 58)];
    }

    /** An engine as the index knows it; a new object when an address comes back after {@link #retainPods}. */
    private static final class Pod {

        final String address;
        final AtomicLong blocks = new AtomicLong();
        volatile boolean gone;

        Pod(String address) {
            this.address = address;
        }
    }

    /** The pods holding one block and when each was last routed with it. Guarded by its segment's monitor. */
    private static final class Holders {

        private Pod[] pods = new Pod[2];
        private long[] stamps = new long[2];
        private int size;

        boolean holds(Pod pod, long freshFrom) {
            for (int i = 0; i < size; i++) {
                if (pods[i] == pod) {
                    return stamps[i] >= freshFrom;
                }
            }
            return false;
        }

        /** Stamps {@code pod} with {@code now}; drops claims that expired or belong to pods that left. */
        void touch(Pod pod, long now, long freshFrom) {
            boolean found = false;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                Pod holder = pods[i];
                if (holder == pod) {
                    found = true;
                    stamps[i] = now;
                }
                else if (holder.gone || stamps[i] < freshFrom) {
                    holder.blocks.decrementAndGet();
                    continue;
                }
                pods[kept] = holder;
                stamps[kept] = stamps[i];
                kept++;
            }
            for (int i = kept; i < size; i++) {
                pods[i] = null;
            }
            size = kept;
            if (!found) {
                if (size == pods.length) {
                    pods = Arrays.copyOf(pods, size * 2);
                    stamps = Arrays.copyOf(stamps, size * 2);
                }
                pods[size] = pod;
                stamps[size] = now;
                size++;
                pod.blocks.incrementAndGet();
            }
        }

        long newest() {
            long newest = Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                newest = Math.max(newest, stamps[i]);
            }
            return newest;
        }

        void release() {
            for (int i = 0; i < size; i++) {
                pods[i].blocks.decrementAndGet();
            }
            size = 0;
        }
    }

    /** One shard of the index: an access-ordered map that drops its least recently used block when full. */
    private static final class Segment {

        final LinkedHashMap<Long, Holders> blocks;

        /** Written under the monitor, read by {@link #size()} without it. */
        volatile int size;

        Segment(int capacity) {
            this.blocks = new LinkedHashMap<>(16, 0.75f, true) {

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Holders> eldest) {
                    if (size() <= capacity) {
                        return false;
                    }
                    eldest.getValue().release();
                    return true;
                }
            };
        }

        void trimExpired(long freshFrom) {
            Iterator<Holders> head = blocks.values().iterator();
            for (int i = 0; i < TRIM_PER_WRITE && head.hasNext(); i++) {
                Holders eldest = head.next();
                if (eldest.newest() >= freshFrom) {
                    return;
                }
                eldest.release();
                head.remove();
            }
        }
    }
}
