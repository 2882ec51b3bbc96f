package io.aibrix.kvcache.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of a cluster's ring: its members (sorted by name), the owner of every slot and a version. A
 * key belongs to slot {@code xxh64(utf8(key)) mod slotCount} (unsigned) and so to that slot's owner.
 */
public final class Ring {

    private final long version;

    private final int slotCount;

    private final List<RingNode> nodes;

    /** Index into {@link #nodes} per slot; -1 only when there are no nodes. */
    private final int[] owners;

    Ring(long version, int slotCount, List<RingNode> nodes, int[] owners) {
        this.version = version;
        this.slotCount = slotCount;
        this.nodes = List.copyOf(nodes);
        this.owners = owners;
    }

    /** The ring of no members, version 0, before anything happened. */
    public static Ring empty(int slotCount) {
        int[] owners = new int[slotCount];
        Arrays.fill(owners, -1);
        return new Ring(0, slotCount, List.of(), owners);
    }

    /** The slot of {@code key}: {@code xxh64(utf8(key)) mod slotCount}, unsigned. */
    public static int slotOf(String key, int slotCount) {
        return (int) Long.remainderUnsigned(XxHash64.hash(key), slotCount);
    }

    public long version() {
        return version;
    }

    public int slotCount() {
        return slotCount;
    }

    public List<RingNode> nodes() {
        return nodes;
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public Optional<RingNode> ownerOf(int slot) {
        if (slot < 0 || slot >= slotCount) {
            throw new IllegalArgumentException("Slot " + slot + " is outside 0.." + (slotCount - 1));
        }
        int owner = owners[slot];
        return owner < 0 ? Optional.empty() : Optional.of(nodes.get(owner));
    }

    /** The node that holds {@code key}; empty when the ring has no members. */
    public Optional<RingNode> nodeFor(String key) {
        return ownerOf(slotOf(key, slotCount));
    }

    public Optional<RingNode> node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }

    /**
     * The slots of {@code name} as maximal runs in ascending order. A node owning both the last and the first slot
     * gets two ranges ({@code [.., last]} and {@code [0, ..]}), never one that drops the slots between them.
     */
    public List<SlotRange> slotsOf(String name) {
        int index = indexOf(name);
        List<SlotRange> ranges = new ArrayList<>();
        int start = -1;
        for (int slot = 0; slot <= slotCount; slot++) {
            boolean owned = slot < slotCount && owners[slot] == index;
            if (owned && start < 0) {
                start = slot;
            }
            else if (!owned && start >= 0) {
                ranges.add(new SlotRange(start, slot - 1));
                start = -1;
            }
        }
        return List.copyOf(ranges);
    }

    /** Number of slots {@code name} owns (0 for a non-member). */
    public int slotCountOf(String name) {
        int index = indexOf(name);
        int count = 0;
        for (int owner : owners) {
            if (owner == index) {
                count++;
            }
        }
        return count;
    }

    /** Slots owned per member, in the order of {@link #nodes()}. */
    public int[] loads() {
        int[] loads = new int[nodes.size()];
        for (int owner : owners) {
            if (owner >= 0) {
                loads[owner]++;
            }
        }
        return loads;
    }

    /** Same members (all fields) and same owner for every slot, whatever the versions. */
    public boolean sameAs(Ring other) {
        return slotCount == other.slotCount && nodes.equals(other.nodes) && sameOwners(other);
    }

    /** The owner's name of every slot, for comparing assignments across rings with different members. */
    public String[] ownerNames() {
        String[] names = new String[slotCount];
        for (int slot = 0; slot < slotCount; slot++) {
            names[slot] = owners[slot] < 0 ? null : nodes.get(owners[slot]).name();
        }
        return names;
    }

    Ring withVersion(long newVersion) {
        return new Ring(newVersion, slotCount, nodes, owners);
    }

    private boolean sameOwners(Ring other) {
        return Arrays.equals(owners, other.owners);
    }

    private int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -2;
    }

    @Override
    public String toString() {
        return "Ring[version=" + version + ", slots=" + slotCount + ", nodes=" + nodes.size() + "]";
    }
}
