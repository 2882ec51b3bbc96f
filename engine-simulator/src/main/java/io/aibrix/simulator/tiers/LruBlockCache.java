package io.aibrix.simulator.tiers;

import java.util.Iterator;
import java.util.LinkedHashMap;

/** Least recently used: a hit or a re-insert moves a block to the young end; the oldest block is evicted. */
final class LruBlockCache implements BlockCache {

    private final int capacity;
    private final LinkedHashMap<Long, Boolean> blocks;

    LruBlockCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive but was " + capacity);
        }
        this.capacity = capacity;
        this.blocks = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public boolean contains(long hash) {
        return blocks.containsKey(hash);
    }

    @Override
    public boolean access(long hash) {
        return blocks.get(hash) != null;
    }

    @Override
    public long put(long hash) {
        if (blocks.get(hash) != null) {
            return 0;
        }
        long evicted = 0;
        if (blocks.size() >= capacity) {
            Iterator<Long> oldest = blocks.keySet().iterator();
            evicted = oldest.next();
            oldest.remove();
        }
        blocks.put(hash, Boolean.TRUE);
        return evicted;
    }

    @Override
    public int size() {
        return blocks.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
