package io.aibrix.kvcache.ring;

import java.util.Objects;

/**
 * @param slotCount    number of slots keys hash into ({@code xxh64(key) mod slotCount}); AIBrix uses 4096
 * @param virtualNodes virtual nodes per node (per node of average capacity when weighted)
 * @param weighted     whether virtual nodes and shares are proportional to each node's capacity
 * @param assignment   how slots are given to nodes
 * @param epsilon      the load bound of {@link Assignment#BOUNDED_LOADS}: at most {@code (1 + epsilon)} times the mean
 */
public record RingOptions(int slotCount, int virtualNodes, boolean weighted, Assignment assignment, double epsilon) {

    public static final int DEFAULT_SLOTS = 4096;
    public static final int DEFAULT_VIRTUAL_NODES = 100;

    public RingOptions {
        Objects.requireNonNull(assignment, "assignment");
        if (slotCount < 1 || slotCount > 1 << 20) {
            throw new IllegalArgumentException("slotCount must be in 1..1048576, got " + slotCount);
        }
        if (virtualNodes < 1 || virtualNodes > 10_000) {
            throw new IllegalArgumentException("virtualNodes must be in 1..10000, got " + virtualNodes);
        }
        if (!(epsilon > 0 && epsilon <= 10)) {
            throw new IllegalArgumentException("epsilon must be in (0, 10], got " + epsilon);
        }
    }

    /** 4096 slots, 100 virtual nodes, unweighted, {@link Assignment#BALANCED}, epsilon 0.05. */
    public static RingOptions defaults() {
        return new RingOptions(DEFAULT_SLOTS, DEFAULT_VIRTUAL_NODES, false, Assignment.BALANCED, 0.05);
    }

    public RingOptions withAssignment(Assignment other) {
        return new RingOptions(slotCount, virtualNodes, weighted, other, epsilon);
    }

    public RingOptions withWeighted(boolean other) {
        return new RingOptions(slotCount, virtualNodes, other, assignment, epsilon);
    }
}
