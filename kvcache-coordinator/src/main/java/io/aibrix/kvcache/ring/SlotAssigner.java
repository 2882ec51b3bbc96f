package io.aibrix.kvcache.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes the owner of every slot for a set of nodes, by one of the {@link Assignment} modes. */
final class SlotAssigner {

    private final RingOptions options;

    /** Ring positions of the slots; they never change, so they are hashed once. */
    private final long[] slotPositions;

    SlotAssigner(RingOptions options) {
        this.options = options;
        this.slotPositions = new long[options.slotCount()];
        for (int slot = 0; slot < slotPositions.length; slot++) {
            slotPositions[slot] = VirtualNodeRing.slotPosition(slot);
        }
    }

    /**
     * @param nodes    sorted by name, non-empty
     * @param previous the ring these nodes replace; only {@link Assignment#BALANCED} starts from it
     */
    int[] assign(List<RingNode> nodes, Ring previous) {
        VirtualNodeRing ring = new VirtualNodeRing(nodes, options);
        return switch (options.assignment()) {
            case VIRTUAL_NODES -> virtualNodes(ring);
            case BOUNDED_LOADS -> boundedLoads(ring, nodes);
            case BALANCED -> balanced(ring, nodes, previous);
        };
    }

    private int[] virtualNodes(VirtualNodeRing ring) {
        int[] owners = new int[slotPositions.length];
        for (int slot = 0; slot < owners.length; slot++) {
            owners[slot] = ring.primary(slotPositions[slot]);
        }
        return owners;
    }

    private int[] boundedLoads(VirtualNodeRing ring, List<RingNode> nodes) {
        int[] caps = caps(nodes);
        int[] loads = new int[nodes.size()];
        int[] owners = new int[slotPositions.length];
        for (int slot = 0; slot < owners.length; slot++) {
            int owner = ring.firstAccepting(slotPositions[slot], node -> loads[node] < caps[node]);
            owners[slot] = owner;
            loads[owner]++;
        }
        return owners;
    }

    /** {@code max(ceil(mean), floor((1 + epsilon) * mean))}: within the bound, and together at least every slot. */
    int[] caps(List<RingNode> nodes) {
        double[] shares = shares(nodes);
        int[] caps = new int[shares.length];
        for (int i = 0; i < caps.length; i++) {
            double mean = shares[i] * slotPositions.length;
            caps[i] = (int) Math.max(Math.ceil(mean - 1e-9), Math.floor((1 + options.epsilon()) * mean + 1e-9));
        }
        return caps;
    }

    private int[] balanced(VirtualNodeRing ring, List<RingNode> nodes, Ring previous) {
        int[] quotas = quotas(nodes);
        int[] owners = new int[slotPositions.length];
        int[] loads = new int[nodes.size()];
        Arrays.fill(owners, -1);
        if (previous.slotCount() == slotPositions.length) {
            keepPrevious(previous, nodes, owners, loads);
            release(ring, owners, loads, quotas);
        }
        for (int slot = 0; slot < owners.length; slot++) {
            if (owners[slot] < 0) {
                int owner = ring.firstAccepting(slotPositions[slot], node -> loads[node] < quotas[node]);
                owners[slot] = owner;
                loads[owner]++;
            }
        }
        return owners;
    }

    private static void keepPrevious(Ring previous, List<RingNode> nodes, int[] owners, int[] loads) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
        }
        String[] previousOwners = previous.ownerNames();
        for (int slot = 0; slot < owners.length; slot++) {
            Integer owner = previousOwners[slot] == null ? null : index.get(previousOwners[slot]);
            if (owner != null) {
                owners[slot] = owner;
                loads[owner]++;
            }
        }
    }

    /**
     * Frees each node's slots beyond its quota. It gives up first the slots whose ring owner is another node (those
     * it holds only because that node was full or absent), so slots drift back to their place on the ring.
     */
    private void release(VirtualNodeRing ring, int[] owners, int[] loads, int[] quotas) {
        List<List<Integer>> held = new ArrayList<>();
        for (int i = 0; i < loads.length; i++) {
            held.add(new ArrayList<>());
        }
        for (int slot = 0; slot < owners.length; slot++) {
            if (owners[slot] >= 0 && loads[owners[slot]] > quotas[owners[slot]]) {
                held.get(owners[slot]).add(slot);
            }
        }
        for (int node = 0; node < loads.length; node++) {
            int excess = loads[node] - quotas[node];
            if (excess <= 0) {
                continue;
            }
            int self = node;
            List<Integer> slots = held.get(node);
            slots.sort(Comparator.<Integer>comparingInt(slot -> ring.primary(slotPositions[slot]) == self ? 1 : 0)
                    .thenComparingInt(slot -> slot));
            for (int i = 0; i < excess; i++) {
                owners[slots.get(i)] = -1;
            }
            loads[node] = quotas[node];
        }
    }

    /** Each node's exact share: floors, and one more slot for the largest remainders (ties to the lower index). */
    int[] quotas(List<RingNode> nodes) {
        double[] shares = shares(nodes);
        int total = slotPositions.length;
        int[] quotas = new int[shares.length];
        double[] remainders = new double[shares.length];
        int assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * total;
            quotas[i] = (int) Math.floor(exact + 1e-9);
            remainders[i] = exact - quotas[i];
            assigned += quotas[i];
        }
        Integer[] order = new Integer[shares.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainders[a] != remainders[b] ? Double.compare(remainders[b], remainders[a])
                : Integer.compare(a, b));
        for (int i = 0; assigned < total; i = (i + 1) % order.length) {
            quotas[order[i]]++;
            assigned++;
        }
        return quotas;
    }

    private double[] shares(List<RingNode> nodes) {
        double[] shares = new double[nodes.size()];
        double total = options.weighted() ? nodes.stream().mapToLong(RingNode::capacity).sum() : nodes.size();
        for (int i = 0; i < shares.length; i++) {
            shares[i] = (options.weighted() ? nodes.get(i).capacity() : 1) / total;
        }
        return shares;
    }
}
