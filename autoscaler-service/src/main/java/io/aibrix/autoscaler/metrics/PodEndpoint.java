package io.aibrix.autoscaler.metrics;

/** A ready pod (or local engine) whose metrics can be scraped at {@code host}, by default on {@code port}. */
public record PodEndpoint(String name, String host, int port) {
}
