package io.aibrix.kvcache.client;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.aibrix.kvcache.ring.XxHash64;

/** A published ring as a slot table: the owner of every slot, read from the document's slot ranges. */
public final class ClientRing {

    private final long version;

    private final CacheNode[] owners;

    private ClientRing(long version, CacheNode[] owners) {
        this.version = version;
        this.owners = owners;
    }

    static ClientRing parse(JsonNode document) {
        long version = document.path("version").asLong(-1);
        int slotCount = document.path("slotCount").asInt(0);
        if (version < 0 || slotCount < 1) {
            throw new IllegalArgumentException("Not a ring document: no version or slotCount");
        }
        CacheNode[] owners = new CacheNode[slotCount];
        for (JsonNode node : document.path("nodes")) {
            CacheNode owner = new CacheNode(node.path("name").asText(), node.path("addr").asText(),
                    node.path("port").asInt());
            for (JsonNode range : node.path("slots")) {
                int start = range.path("start").asInt();
                int end = range.path("end").asInt();
                if (start < 0 || end >= slotCount || end < start) {
                    throw new IllegalArgumentException("Slot range " + start + ".." + end + " of " + owner.name()
                            + " is outside 0.." + (slotCount - 1));
                }
                for (int slot = start; slot <= end; slot++) {
                    owners[slot] = owner;
                }
            }
        }
        return new ClientRing(version, owners);
    }

    public long version() {
        return version;
    }

    public int slotCount() {
        return owners.length;
    }

    /** The node holding {@code key} (slot {@code xxh64(utf8(key)) mod slotCount}); empty if the slot has no owner. */
    public Optional<CacheNode> nodeFor(String key) {
        return Optional.ofNullable(owners[slotOf(key, owners.length)]);
    }

    /** The coordinator's slot function: {@code xxh64(utf8(key)) mod slotCount}, unsigned. */
    public static int slotOf(String key, int slotCount) {
        return (int) Long.remainderUnsigned(XxHash64.hash(key), slotCount);
    }
}
