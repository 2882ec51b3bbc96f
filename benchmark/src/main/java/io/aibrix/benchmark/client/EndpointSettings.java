package io.aibrix.benchmark.client;

import java.time.Duration;

/**
 * How to call the API: {@code apiKey} and {@code routingStrategy} are null when not sent; {@code timeout} bounds a
 * whole request, streaming included.
 */
public record EndpointSettings(Api api, String model, String apiKey, String routingStrategy, Duration timeout) {
}
