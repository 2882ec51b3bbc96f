package io.aibrix.kvcache.publication;

import java.util.List;

import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.SlotRange;

/**
 * The ring as JSON: AIBrix's document ({@code nodes[].name, addr, port, slots[].start/end}, {@code version}) plus the
 * cluster, the slot count and each node's capacity, so that a reader of either form finds its fields.
 *
 * @param cluster   the cluster
 * @param version   the ring version
 * @param slotCount number of slots: a key's slot is {@code xxh64(utf8(key)) mod slotCount}, unsigned
 * @param hash      the key hash function, {@code xxh64}
 * @param nodes     members in name order with their slot ranges (inclusive, ascending, never wrapping)
 */
public record RingDocument(String cluster, long version, int slotCount, String hash, List<Node> nodes) {

    public static RingDocument of(String cluster, Ring ring) {
        return new RingDocument(cluster, ring.version(), ring.slotCount(), "xxh64", ring.nodes().stream()
                .map(node -> new Node(node.name(), node.address(), node.port(), node.capacity(),
                        ring.slotsOf(node.name())))
                .toList());
    }

    /** AIBrix's Redis value: exactly {@code {"nodes":[{"name","addr","port","slots":[{"start","end"}]}],"version"}}. */
    public AibrixDocument aibrix() {
        return new AibrixDocument(nodes.stream()
                .map(node -> new AibrixNode(node.name(), node.addr(), node.port(), node.slots()))
                .toList(), version);
    }

    /**
     * @param name     member name
     * @param addr     address
     * @param port     data port
     * @param capacity relative capacity
     * @param slots    owned slot ranges
     */
    public record Node(String name, String addr, int port, int capacity, List<SlotRange> slots) {
    }

    /** @param nodes members @param version ring version */
    public record AibrixDocument(List<AibrixNode> nodes, long version) {
    }

    /** @param name member @param addr address @param port data port @param slots owned ranges */
    public record AibrixNode(String name, String addr, int port, List<SlotRange> slots) {
    }
}
