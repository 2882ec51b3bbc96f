package io.aibrix.simulator.kvevents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aibrix.simulator.kv.BlockPool;
import io.aibrix.simulator.tokenizer.IntList;

/**
 * The engine's KV event history: the block pool's changes numbered and kept in a bounded ring, plus a mirror of
 * what is cached now, so a reader can start from a retained {@code seq} or from a snapshot consistent with one.
 * The engine thread only appends (a copy of the event's data, under a short lock) and wakes readers; encoding and
 * delivery happen on the readers' threads. Thread-safe.
 */
public final class KvEventJournal implements BlockPool.BlockEventListener, AutoCloseable {

    private final int blockSize;
    private final Clock clock;
    private final Entry[] ring;
    /** Cached blocks by hash, in the order they were stored. */
    private final Map<Long, CachedBlock> cached = new LinkedHashMap<>();
    private final List<Runnable> readers = new CopyOnWriteArrayList<>();
    private long lastSeq;
    private volatile boolean closed;

    public KvEventJournal(int capacity, int blockSize, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive but was " + capacity);
        }
        this.blockSize = blockSize;
        this.clock = clock;
        this.ring = new Entry[capacity];
    }

    /** A block in the cache, as a snapshot lists it; {@code parentHash} 0 = the chain starts at the root. */
    public record CachedBlock(long hash, long parentHash, int[] tokenIds, String lora) {
    }

    /**
     * Everything cached as of event {@code seq}, parents before children (a block whose parent is not cached, which
     * a reset during a running request can leave, comes where it was stored).
     */
    public record Snapshot(long seq, List<CachedBlock> blocks) {
    }

    /** One journal position: the event and its lazily encoded line, shared by every reader. */
    static final class Entry {

        final KvEvent event;
        volatile byte[] line;

        Entry(KvEvent event) {
            this.event = event;
        }
    }

    public int blockSize() {
        return blockSize;
    }

    @Override
    public void stored(long[] hashes, int from, int to, IntList tokens, String adapter) {
        long[] stored = Arrays.copyOfRange(hashes, from, to);
        int[] tokenIds = new int[stored.length * blockSize];
        for (int i = 0; i < tokenIds.length; i++) {
            tokenIds[i] = tokens.get(from * blockSize + i);
        }
        long parent = from == 0 ? 0 : hashes[from - 1];
        synchronized (this) {
            append(new KvEvent.BlockStored(lastSeq + 1, clock.millis(), stored, parent, tokenIds, blockSize,
                    adapter));
            for (int i = 0; i < stored.length; i++) {
                cached.put(stored[i], new CachedBlock(stored[i], i == 0 ? parent : stored[i - 1],
                        Arrays.copyOfRange(tokenIds, i * blockSize, (i + 1) * blockSize), adapter));
            }
        }
        wakeReaders();
    }

    @Override
    public void removed(long[] hashes) {
        synchronized (this) {
            append(new KvEvent.BlockRemoved(lastSeq + 1, clock.millis(), hashes.clone()));
            for (long hash : hashes) {
                cached.remove(hash);
            }
        }
        wakeReaders();
    }

    @Override
    public void allCleared() {
        synchronized (this) {
            append(new KvEvent.AllBlocksCleared(lastSeq + 1, clock.millis()));
            cached.clear();
        }
        wakeReaders();
    }

    private void append(KvEvent event) {
        lastSeq = event.seq();
        ring[(int) (lastSeq % ring.length)] = new Entry(event);
    }

    /** The seq of the newest event, 0 before the first. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The oldest seq a reader can still start from: older history has been overwritten. */
    public synchronized long oldestRetained() {
        return Math.max(1, lastSeq - ring.length + 1);
    }

    /** Whether reading can continue at {@code seq}: it is retained, or the next one to come. */
    public synchronized boolean isRetained(long seq) {
        return seq >= oldestRetained() && seq <= lastSeq + 1;
    }

    /** Up to {@code max} events from {@code seq} on (empty when caught up), or null when {@code seq} is not retained. */
    public List<KvEvent> read(long seq, int max) {
        List<Entry> entries = entries(seq, max);
        return entries == null ? null : entries.stream().map(e -> e.event).toList();
    }

    synchronized List<Entry> entries(long seq, int max) {
        if (!isRetained(seq)) {
            return null;
        }
        int count = (int) Math.min(max, lastSeq - seq + 1);
        List<Entry> out = new ArrayList<>(count);
        for (long s = seq; s < seq + count; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    /** Everything cached now, with the seq of the last event it reflects. */
    public Snapshot snapshot() {
        List<CachedBlock> blocks;
        long seq;
        synchronized (this) {
            seq = lastSeq;
            blocks = new ArrayList<>(cached.values());
        }
        return new Snapshot(seq, parentsFirst(blocks));
    }

    /** Orders blocks so that each comes after its parent when that is cached too, keeping stored order otherwise. */
    private static List<CachedBlock> parentsFirst(List<CachedBlock> blocks) {
        Map<Long, CachedBlock> byHash = new LinkedHashMap<>();
        blocks.forEach(b -> byHash.put(b.hash(), b));
        Set<Long> placed = new HashSet<>();
        List<CachedBlock> ordered = new ArrayList<>(blocks.size());
        List<CachedBlock> ancestry = new ArrayList<>();
        for (CachedBlock block : blocks) {
            for (CachedBlock b = block; b != null && !placed.contains(b.hash()); b = byHash.get(b.parentHash())) {
                ancestry.add(b);
                placed.add(b.hash());
            }
            for (int i = ancestry.size() - 1; i >= 0; i--) {
                ordered.add(ancestry.get(i));
            }
            ancestry.clear();
        }
        return ordered;
    }

    /** Registers a callback run (on the engine thread: it must only hand off) after every append and on close. */
    public void addReader(Runnable wakeUp) {
        readers.add(wakeUp);
    }

    public void removeReader(Runnable wakeUp) {
        readers.remove(wakeUp);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Ends every reader's stream: the engine is going away. */
    @Override
    public void close() {
        closed = true;
        wakeReaders();
    }

    private void wakeReaders() {
        for (Runnable reader : readers) {
            reader.run();
        }
    }
}
