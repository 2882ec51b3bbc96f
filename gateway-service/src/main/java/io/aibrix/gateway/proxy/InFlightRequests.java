package io.aibrix.gateway.proxy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import io.aibrix.gateway.endpoint.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's own count of requests in flight per engine and per model: up when a request is routed, down exactly
 * once when it ends. These counts are what {@code least-request} and friends read, so they must never drift.
 *
 * <p>A {@link Lease} holds the very counters it incremented, so a request that outlives its engine's removal (or the
 * engine's replacement by a new pod at the same address) decrements the old counters, never the new ones.
 *
 * <p>With several gateway replicas sharing state ({@code gateway.replicas.*}), {@link #count} adds the other replicas'
 * last published counts to this replica's own; everything else here, gauges included, is this replica's own count.
 */
public final class InFlightRequests {

    private static final ToIntFunction<String> NO_PEERS = address -> 0;

    private final MeterRegistry meters;
    private final Map<String, Slot> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Slot> byModel = new ConcurrentHashMap<>();
    private volatile ToIntFunction<String> peers = NO_PEERS;

    InFlightRequests(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Counts one request against the engine and the model until the lease is released, and as prefilling on the
     * engine until its first byte ({@link Lease#firstByte()}).
     */
    Lease acquire(Endpoint endpoint, String model) {
        Slot engine = byEndpoint.computeIfAbsent(endpoint.address(), address -> endpointSlot(endpoint));
        Slot perModel = byModel.computeIfAbsent(model, this::modelSlot);
        engine.count.incrementAndGet();
        engine.prefilling.incrementAndGet();
        perModel.count.incrementAndGet();
        return new Lease(endpoint, engine, perModel);
    }

    /**
     * Requests in flight on the engine at this address: this replica's own plus the other replicas' (see
     * {@link #peerCounts}); 0 for an engine nobody routed to.
     */
    int count(Endpoint endpoint) {
        String address = endpoint.address();
        Slot slot = byEndpoint.get(address);
        return (slot == null ? 0 : slot.count.get()) + peers.applyAsInt(address);
    }

    /**
     * This replica's own requests on the engine that have not received their first byte (queued or prefilling), at
     * most {@link #count}; the other replicas publish totals only.
     */
    int prefilling(Endpoint endpoint) {
        Slot slot = byEndpoint.get(endpoint.address());
        return slot == null ? 0 : Math.min(Math.max(0, slot.prefilling.get()), count(endpoint));
    }

    /** This replica's own requests in flight per engine address; engines with none are left out. */
    public Map<String, Integer> ownCounts() {
        Map<String, Integer> counts = new HashMap<>();
        byEndpoint.forEach((address, slot) -> {
            int count = slot.count.get();
            if (count > 0) {
                counts.put(address, count);
            }
        });
        return counts;
    }

    /**
     * Installs the other replicas' in-flight requests per engine address, which {@link #count} adds to this replica's
     * own. Called on routing threads, so it must answer at once.
     */
    public void peerCounts(ToIntFunction<String> counts) {
        this.peers = counts;
    }

    int countForModel(String model) {
        Slot slot = byModel.get(model);
        return slot == null ? 0 : slot.count.get();
    }

    int total() {
        int sum = 0;
        for (Slot slot : byEndpoint.values()) {
            sum += slot.count.get();
        }
        return sum;
    }

    /**
     * Forgets engines and models that are no longer discovered and have nothing in flight. A slot with requests in
     * flight stays (with its gauge) until they finish and a later call sees it idle.
     */
    void retain(Collection<Endpoint> endpoints, Set<String> models) {
        Set<String> live = endpoints.stream().map(Endpoint::address).collect(Collectors.toSet());
        prune(byEndpoint, live);
        prune(byModel, models);
    }

    private void prune(Map<String, Slot> slots, Set<String> live) {
        slots.entrySet().removeIf(entry -> {
            boolean remove = !live.contains(entry.getKey()) && entry.getValue().count.get() == 0;
            if (remove) {
                meters.remove(entry.getValue().gauge);
            }
            return remove;
        });
    }

    private Slot endpointSlot(Endpoint endpoint) {
        AtomicInteger count = new AtomicInteger();
        Gauge gauge = Gauge.builder("gateway.endpoint.in.flight.requests", count, AtomicInteger::get)
                .description("Requests this gateway has routed to the engine and not yet finished")
                .tag("endpoint", endpoint.address())
                .tag("pod", endpoint.name())
                .register(meters);
        return new Slot(count, new AtomicInteger(), gauge);
    }

    private Slot modelSlot(String model) {
        AtomicInteger count = new AtomicInteger();
        Gauge gauge = Gauge.builder("gateway.model.in.flight.requests", count, AtomicInteger::get)
                .description("Requests for the model this gateway has routed and not yet finished")
                .tag("model", model)
                .register(meters);
        return new Slot(count, new AtomicInteger(), gauge);
    }

    /** @param prefilling of {@code count}, the requests without a first byte (engine slots only) */
    private record Slot(AtomicInteger count, AtomicInteger prefilling, Gauge gauge) {
    }

    /** One request's claim on an engine; {@link #firstByte()} and {@link #release()} are idempotent. */
    static final class Lease {

        private final Endpoint endpoint;
        private final Slot engine;
        private final Slot model;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean started = new AtomicBoolean();

        private Lease(Endpoint endpoint, Slot engine, Slot model) {
            this.endpoint = endpoint;
            this.engine = engine;
            this.model = model;
        }

        Endpoint endpoint() {
            return endpoint;
        }

        /** The engine answered: the request no longer counts as prefilling. */
        void firstByte() {
            if (started.compareAndSet(false, true)) {
                engine.prefilling.decrementAndGet();
            }
        }

        /** Returns true only for the call that actually released it. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            firstByte();
            engine.count.decrementAndGet();
            model.count.decrementAndGet();
            return true;
        }
    }
}
