package io.aibrix.simulator.tiers;

/**
 * A bounded set of KV block hashes with an eviction policy. Hash 0 is reserved ("no block"). Not thread-safe.
 */
public interface BlockCache {

    /** True when the block is held; does not count as an access. */
    boolean contains(long hash);

    /** Records a hit on a held block (it is being read); false when the block is not held. */
    boolean access(long hash);

    /**
     * Inserts a block (a block already held counts as an access). Returns the hash evicted to make room, or 0 when
     * nothing was evicted.
     */
    long put(long hash);

    int size();

    int capacity();
}
