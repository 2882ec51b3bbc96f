package io.aibrix.gateway.endpoint;

import reactor.core.publisher.Flux;

/**
 * Where the gateway learns which engines serve which model: static configuration, metadata-service's registry, or
 * Kubernetes pods. Exactly one source is active, chosen by {@code gateway.discovery.source}.
 */
public interface EndpointSource {

    /** Name used in configuration and logs: {@code static}, {@code metadata} or {@code kubernetes}. */
    String name();

    /**
     * Complete snapshots, each replacing the previous one. Subscribing starts discovery (the stream is cold, subscribed
     * once by the registry); the first emission is the initial state. The stream must not error: a source that loses
     * its backend keeps its last snapshot (and logs), and completes only when the source is closed.
     */
    Flux<EndpointSnapshot> snapshots();
}
