package io.aibrix.kvcache.ring;

import java.util.Arrays;
import java.util.List;

/**
 * The hash circle: each node's virtual nodes {@code <name>-vnode-<i>} at {@code xxh64} of that name, in unsigned
 * order. Gives, for a position, the nodes in clockwise order of first appearance (the position's preference list).
 */
final class VirtualNodeRing {

    /** Points with the sign bit flipped, so that signed order is the unsigned order of the hashes. */
    private final long[] points;

    private final int[] owners;

    private final int nodeCount;

    VirtualNodeRing(List<RingNode> nodes, RingOptions options) {
        this.nodeCount = nodes.size();
        int[] counts = virtualNodeCounts(nodes, options);
        int total = Arrays.stream(counts).sum();
        long[] keyed = new long[total];
        int[] ownerOf = new int[total];
        int at = 0;
        for (int node = 0; node < nodes.size(); node++) {
            for (int i = 0; i < counts[node]; i++) {
                keyed[at] = XxHash64.hash(nodes.get(node).name() + "-vnode-" + i) ^ Long.MIN_VALUE;
                ownerOf[at] = node;
                at++;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        // Ties (a 64-bit collision) go to the lower node index, which is the lower name: still deterministic.
        Arrays.sort(order, (a, b) -> keyed[a] != keyed[b] ? Long.compare(keyed[a], keyed[b])
                : Integer.compare(ownerOf[a], ownerOf[b]));
        this.points = new long[total];
        this.owners = new int[total];
        for (int i = 0; i < total; i++) {
            points[i] = keyed[order[i]];
            owners[i] = ownerOf[order[i]];
        }
    }

    /** The slot's position on the circle. */
    static long slotPosition(int slot) {
        return XxHash64.hash(Integer.toString(slot));
    }

    /** Index of the first point at or clockwise after {@code position}. */
    int firstPoint(long position) {
        long key = position ^ Long.MIN_VALUE;
        int found = Arrays.binarySearch(points, key);
        int index = found >= 0 ? found : -found - 1;
        return index == points.length ? 0 : index;
    }

    /** The owner of the first point at or clockwise after {@code position}. */
    int primary(long position) {
        return owners[firstPoint(position)];
    }

    /**
     * The first node clockwise of {@code position} that {@code accepts}; -1 if none does. Visits each point at most
     * once.
     */
    int firstAccepting(long position, NodePredicate accepts) {
        int start = firstPoint(position);
        for (int step = 0; step < points.length; step++) {
            int node = owners[(start + step) % points.length];
            if (accepts.test(node)) {
                return node;
            }
        }
        return -1;
    }

    int nodeCount() {
        return nodeCount;
    }

    private static int[] virtualNodeCounts(List<RingNode> nodes, RingOptions options) {
        int[] counts = new int[nodes.size()];
        double mean = nodes.stream().mapToInt(RingNode::capacity).average().orElse(1);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = options.weighted()
                    ? (int) Math.max(1, Math.round(options.virtualNodes() * nodes.get(i).capacity() / mean))
                    : options.virtualNodes();
        }
        return counts;
    }

    @FunctionalInterface
    interface NodePredicate {

        boolean test(int node);
    }
}
