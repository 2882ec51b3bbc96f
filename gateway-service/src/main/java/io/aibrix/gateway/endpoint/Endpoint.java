package io.aibrix.gateway.endpoint;

import java.net.URI;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * One engine instance the gateway can send requests to: a pod, or a {@code host:port} from static configuration.
 *
 * <p>{@link #address()} ({@code host:port}) is the identity the gateway keys live state by (in-flight counts, engine
 * metrics, circuit breakers, session affinity), so two snapshots that describe the same engine agree on it even when
 * its readiness changes.
 *
 * @param name        display name: the pod name, or the address for static endpoints; reported in {@code target-pod}
 * @param host        IP address or host name the engine listens on
 * @param port        serving port of the OpenAI API
 * @param metricsPort port of the engine's Prometheus {@code /metrics}
 * @param role        {@code prefill}, {@code decode}, or {@code null} for an engine that does both
 * @param ready       whether the engine may receive traffic (pod Ready and not terminating)
 */
public record Endpoint(String name, String host, int port, int metricsPort, @Nullable String role, boolean ready) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Endpoint host must not be blank");
        }
        checkPort(port, "port");
        checkPort(metricsPort, "metricsPort");
    }

    /** A ready engine with no role whose metrics share the serving port. */
    public static Endpoint of(String host, int port) {
        return new Endpoint(host + ":" + port, host, port, port, null, true);
    }

    /** {@code host:port} of the serving port; the key for all per-engine state. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code http://host:port}, with IPv6 literals bracketed. */
    public URI baseUri() {
        return URI.create("http://" + hostForUri() + ":" + port);
    }

    /** {@code http://host:metricsPort/metrics}. */
    public URI metricsUri() {
        return URI.create("http://" + hostForUri() + ":" + metricsPort + "/metrics");
    }

    public Endpoint withReady(boolean value) {
        return value == ready ? this : new Endpoint(name, host, port, metricsPort, role, value);
    }

    private String hostForUri() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void checkPort(int value, String field) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("Endpoint " + field + " must be in 1..65535, got " + value);
        }
    }
}
