package io.aibrix.kvcache.client;

/**
 * A cache node as the coordinator published it.
 *
 * @param name    member name
 * @param address host or IP
 * @param port    data port
 */
public record CacheNode(String name, String address, int port) {
}
