package io.aibrix.simulator.tiers;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * S3-FIFO (Yang et al., SOSP 2023), as AIBrix's L1 uses it: a small FIFO for new blocks, a main FIFO, and a ghost
 * FIFO of recently evicted hashes. Hits only bump a 2-bit frequency. When the small queue is over its share, its
 * oldest block moves to main if it was hit at least {@code promotionThreshold} times, else it is evicted and
 * remembered as a ghost; a ghost that comes back goes straight to main. Main evicts its oldest block whose
 * frequency is 0, giving every block it passes over another round with its frequency decremented.
 */
final class S3FifoBlockCache implements BlockCache {

    private static final int MAX_FREQUENCY = 3;

    private final int capacity;
    private final int smallCapacity;
    private final int promotionThreshold;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final ArrayDeque<Long> small = new ArrayDeque<>();
    private final ArrayDeque<Long> main = new ArrayDeque<>();
    /** Oldest first. */
    private final LinkedHashSet<Long> ghosts = new LinkedHashSet<>();

    /**
     * @param smallRatio share of the capacity for the small queue (AIBrix: 0.3; the paper: 0.1)
     * @param promotionThreshold hits a block needs in the small queue to move to main (AIBrix: 1)
     */
    S3FifoBlockCache(int capacity, double smallRatio, int promotionThreshold) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive but was " + capacity);
        }
        if (!(smallRatio > 0 && smallRatio < 1)) {
            throw new IllegalArgumentException("smallRatio must be in (0, 1) but was " + smallRatio);
        }
        this.capacity = capacity;
        this.smallCapacity = Math.max(1, (int) (capacity * smallRatio));
        this.promotionThreshold = promotionThreshold;
    }

    @Override
    public boolean contains(long hash) {
        return entries.containsKey(hash);
    }

    @Override
    public boolean access(long hash) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return false;
        }
        entry.frequency = Math.min(MAX_FREQUENCY, entry.frequency + 1);
        return true;
    }

    @Override
    public long put(long hash) {
        if (access(hash)) {
            return 0;
        }
        long evicted = entries.size() >= capacity ? evict() : 0;
        Entry entry = new Entry();
        if (ghosts.remove(hash)) {
            main.addLast(hash);
        } else {
            small.addLast(hash);
        }
        entries.put(hash, entry);
        return evicted;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Small queue size, for tests. */
    int smallSize() {
        return small.size();
    }

    private long evict() {
        while (true) {
            if (small.size() >= smallCapacity || main.isEmpty()) {
                long victim = evictFromSmall();
                if (victim != 0) {
                    return victim;
                }
            } else {
                return evictFromMain();
            }
        }
    }

    /** Moves the small queue's oldest block to main or evicts it; returns the evicted hash or 0 when it moved. */
    private long evictFromSmall() {
        long hash = small.pollFirst();
        Entry entry = entries.get(hash);
        if (entry.frequency >= promotionThreshold) {
            entry.frequency = 0;
            main.addLast(hash);
            return 0;
        }
        entries.remove(hash);
        remember(hash);
        return hash;
    }

    private long evictFromMain() {
        while (true) {
            long hash = main.pollFirst();
            Entry entry = entries.get(hash);
            if (entry.frequency > 0) {
                entry.frequency--;
                main.addLast(hash);
            } else {
                entries.remove(hash);
                return hash;
            }
        }
    }

    /** The ghost queue holds as many hashes as main can hold blocks. */
    private void remember(long hash) {
        int ghostCapacity = Math.max(1, capacity - smallCapacity);
        if (ghosts.size() >= ghostCapacity) {
            Iterator<Long> oldest = ghosts.iterator();
            oldest.next();
            oldest.remove();
        }
        ghosts.add(hash);
    }

    private static final class Entry {
        int frequency;
    }
}
