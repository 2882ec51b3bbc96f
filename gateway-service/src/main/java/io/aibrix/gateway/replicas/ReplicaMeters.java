package io.aibrix.gateway.replicas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The state-sharing meters:
 * <ul>
 * <li>{@code gateway.replicas.peers}: other replicas heard from within {@code peer-expiry};</li>
 * <li>{@code gateway.replicas.redis.connected}: 1 while both Redis connections are open, else 0;</li>
 * <li>{@code gateway.replicas.messages{kind,direction}}: {@code in_flight} / {@code prefix} messages
 * {@code published} by this replica and {@code applied} from peers;</li>
 * <li>{@code gateway.replicas.prefix.blocks{direction}}: block hashes {@code published} and {@code applied};</li>
 * <li>{@code gateway.replicas.prefix.pending.blocks}: block hashes waiting for the next batch;</li>
 * <li>{@code gateway.replicas.dropped{reason}}: what was not shared: peers' messages that are {@code malformed} or
 * hash prompts differently ({@code fingerprint}), their groups for an {@code unknown_engine} or
 * {@code unknown_strategy}, and local decisions that found the batch full ({@code outbox_full});</li>
 * <li>{@code gateway.replicas.redis.errors{operation}}: failed {@code connect} and {@code publish} calls (a
 * {@code publish} also fails while disconnected or when too many are outstanding).</li>
 * </ul>
 */
final class ReplicaMeters {

    private final MeterRegistry registry;
    private final Counter inFlightPublished;
    private final Counter inFlightApplied;
    private final Counter prefixPublished;
    private final Counter prefixApplied;
    private final Counter blocksPublished;
    private final Counter blocksApplied;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    ReplicaMeters(MeterRegistry registry) {
        this.registry = registry;
        inFlightPublished = messages("in_flight", "published");
        inFlightApplied = messages("in_flight", "applied");
        prefixPublished = messages("prefix", "published");
        prefixApplied = messages("prefix", "applied");
        blocksPublished = blocks("published");
        blocksApplied = blocks("applied");
    }

    void gauges(IntSupplier peers, IntSupplier connected, IntSupplier pendingBlocks) {
        Gauge.builder("gateway.replicas.peers", peers::getAsInt)
                .description("Other gateway replicas heard from within the peer expiry")
                .register(registry);
        Gauge.builder("gateway.replicas.redis.connected", connected::getAsInt)
                .description("1 while the replica's Redis connections are open, else 0")
                .register(registry);
        Gauge.builder("gateway.replicas.prefix.pending.blocks", pendingBlocks::getAsInt)
                .description("Prompt block hashes waiting for the replica's next prefix batch")
                .register(registry);
    }

    void inFlightPublished() {
        inFlightPublished.increment();
    }

    void inFlightApplied() {
        inFlightApplied.increment();
    }

    void prefixPublished(int blocks) {
        prefixPublished.increment();
        blocksPublished.increment(blocks);
    }

    void prefixApplied(int blocks) {
        prefixApplied.increment();
        blocksApplied.increment(blocks);
    }

    void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("gateway.replicas.dropped")
                .description("Peer messages or parts of them not applied, and local decisions not shared")
                .tag("reason", r)
                .register(registry)).increment();
    }

    void redisError(String operation) {
        errors.computeIfAbsent(operation, o -> Counter.builder("gateway.replicas.redis.errors")
                .description("Failed Redis calls of the replica state sharing")
                .tag("operation", o)
                .register(registry)).increment();
    }

    private Counter messages(String kind, String direction) {
        return Counter.builder("gateway.replicas.messages")
                .description("State-sharing messages published by this replica or applied from peers")
                .tag("kind", kind)
                .tag("direction", direction)
                .register(registry);
    }

    private Counter blocks(String direction) {
        return Counter.builder("gateway.replicas.prefix.blocks")
                .description("Prompt block hashes published by this replica or applied from peers")
                .tag("direction", direction)
                .register(registry);
    }
}
