package io.aibrix.kvcache.ring;

import java.util.Objects;

/**
 * A cache node as the ring sees it. Two nodes are the same member when their names are equal; a change of address,
 * port or capacity under the same name is still a change of the ring (and of its version).
 *
 * @param name     unique within a cluster (a pod name, or the name a node registered under)
 * @param address  host name or IP clients connect to
 * @param port     the node's data port
 * @param capacity relative weight, at least 1; used only when the ring is weighted
 */
public record RingNode(String name, String address, int port, int capacity) {

    public RingNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (address.isBlank()) {
            throw new IllegalArgumentException("address of " + name + " must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port of " + name + " must be in 1..65535, got " + port);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity of " + name + " must be at least 1, got " + capacity);
        }
    }
}
