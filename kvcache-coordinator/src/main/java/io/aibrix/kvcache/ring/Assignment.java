package io.aibrix.kvcache.ring;

/** How slots are given to nodes; every mode uses the same virtual-node ring for the nodes' preference order. */
public enum Assignment {

    /** Each slot goes to the first virtual node clockwise of its hash (AIBrix's ring; loads vary by about ±20%). */
    VIRTUAL_NODES,

    /**
     * Consistent hashing with bounded loads: slots in index order go to the first node clockwise that has fewer than
     * {@code max(ceil(mean), floor((1 + epsilon) * mean))} slots. A function of the members alone.
     */
    BOUNDED_LOADS,

    /**
     * Exact quotas (each node {@code floor} or {@code ceil} of its share) that start from the previous ring: slots of
     * nodes still present and within quota stay; only slots of departed nodes and a node's excess over its new quota
     * move, to the first node clockwise that is under quota. Moves the minimum number of slots a balanced ring can.
     */
    BALANCED
}
