package io.aibrix.gateway.discovery;

import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Engines from configuration: one snapshot, then silence until {@link #close()}. */
final class StaticEndpointSource implements EndpointSource, AutoCloseable {

    static final String NAME = "static";

    private static final Logger log = LoggerFactory.getLogger(StaticEndpointSource.class);

    private final EndpointSnapshot snapshot;

    private final Sinks.Empty<Void> closed = Sinks.empty();

    StaticEndpointSource(EndpointSnapshot snapshot) {
        this.snapshot = snapshot;
        if (snapshot.models().isEmpty()) {
            log.warn("No models configured (gateway.discovery.static.models is empty): every model is unknown");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Flux<EndpointSnapshot> snapshots() {
        return Flux.just(snapshot).concatWith(closed.asMono().then(Mono.empty()));
    }

    @Override
    public void close() {
        closed.tryEmitEmpty();
    }
}
