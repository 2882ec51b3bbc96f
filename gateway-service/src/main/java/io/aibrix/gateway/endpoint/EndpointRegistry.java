package io.aibrix.gateway.endpoint;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The gateway's current view of which engines serve which model: the latest snapshot of the one active
 * {@link EndpointSource}. Reads are a volatile load, safe on any thread.
 */
public final class EndpointRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndpointRegistry.class);

    private final EndpointSource source;
    private final Sinks.Many<EndpointSnapshot> changes = Sinks.many().replay().latest();
    private volatile EndpointSnapshot current = EndpointSnapshot.EMPTY;
    private volatile boolean synced;
    private volatile Disposable subscription;

    public EndpointRegistry(EndpointSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The latest snapshot; {@link EndpointSnapshot#EMPTY} until the source's first emission. */
    public EndpointSnapshot current() {
        return current;
    }

    /** Whether the source has delivered its initial state. */
    public boolean isSynced() {
        return synced;
    }

    /** Every new snapshot, starting with the latest one. */
    public Flux<EndpointSnapshot> changes() {
        return changes.asFlux();
    }

    public String sourceName() {
        return source.name();
    }

    @Override
    public void start() {
        subscription = source.snapshots().subscribe(this::accept,
                error -> log.error("Endpoint source '{}' failed; keeping its last snapshot", source.name(), error));
    }

    private void accept(EndpointSnapshot snapshot) {
        EndpointSnapshot previous = current;
        current = snapshot;
        if (!synced || !previous.equals(snapshot)) {
            log.info("Endpoints from '{}': {}", source.name(), describe(snapshot));
        }
        synced = true;
        changes.emitNext(snapshot, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    private static String describe(EndpointSnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        snapshot.byModel().forEach((model, endpoints) -> {
            long ready = endpoints.stream().filter(Endpoint::ready).count();
            text.append(text.isEmpty() ? "" : ", ").append(model).append(" (").append(ready).append('/')
                    .append(endpoints.size()).append(" ready)");
        });
        return text.isEmpty() ? "none" : text.toString();
    }

    @Override
    public void stop() {
        Disposable active = subscription;
        if (active != null) {
            active.dispose();
        }
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
