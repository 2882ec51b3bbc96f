package io.aibrix.gateway.replicas;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aibrix.gateway.proxy.InFlightRequests;
import io.aibrix.gateway.replicas.ReplicaCodec.Group;
import io.aibrix.gateway.replicas.ReplicaCodec.InFlight;
import io.aibrix.gateway.replicas.ReplicaCodec.Prefixes;
import io.aibrix.gateway.routing.prefix.PrefixReplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Shares this replica's routing state and takes in the others': every {@code publish-interval} it publishes its own
 * in-flight counts, every {@code prefix-batch-interval} the prefix decisions it made since, and it plugs the peers'
 * counts into {@link InFlightRequests#peerCounts} and the peers' decisions into the prefix strategies. Ticks run on a
 * Reactor scheduler and only encode and hand messages to the Redis client, which never blocks them.
 *
 * <p>Starts before the web server and stops after it has drained, so peers see this replica's requests in flight
 * until the last one ends.
 */
final class ReplicaSync implements SmartLifecycle, AutoCloseable {

    /** Below the web server's phases: started before it, stopped after its graceful shutdown. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(ReplicaSync.class);

    private final long replica;
    private final long fingerprint;
    private final ReplicasProperties properties;
    private final InFlightRequests inFlight;
    private final PeerInFlight peers;
    private final PrefixReplication prefixes;
    private final PrefixOutbox outbox;
    private final RedisLink link;
    private final ReplicaMeters meters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable Disposable ticks;

    ReplicaSync(long replica, ReplicasProperties properties, InFlightRequests inFlight, PeerInFlight peers,
            PrefixReplication prefixes, PrefixOutbox outbox, RedisLink link, ReplicaMeters meters) {
        this.replica = replica;
        this.fingerprint = prefixes.fingerprint();
        this.properties = properties;
        this.inFlight = inFlight;
        this.peers = peers;
        this.prefixes = prefixes;
        this.outbox = outbox;
        this.link = link;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (ticks != null || closed.get()) {
            return;
        }
        inFlight.peerCounts(peers::count);
        prefixes.listen(this::routed);
        link.start();
        // A dropped tick is harmless: the next one publishes the same state.
        ticks = Disposables.composite(
                every(properties.publishInterval()).subscribe(tick -> publishInFlight()),
                every(properties.prefixBatchInterval()).subscribe(tick -> publishPrefixes()));
        log.info("Gateway replica {} shares in-flight counts and prefix ownership of {} through Redis at {}",
                Long.toHexString(replica), prefixes.strategies(), link.address());
    }

    /**
     * Stops publishing and listening; routing goes back to this replica's own state. A last publish tells the peers
     * what is still in flight here (after the web server drained: usually nothing) rather than leaving them its
     * previous counts until they expire.
     */
    @Override
    public synchronized void stop() {
        Disposable running = ticks;
        if (running != null) {
            running.dispose();
            ticks = null;
            prefixes.listen((strategy, address, hashes, workSeconds) -> { });
            inFlight.peerCounts(address -> 0);
            publishPrefixes();
            publishInFlight();
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Stops (if running) and closes the Redis connections; idempotent. */
    @Override
    public void close() {
        stop();
        if (closed.compareAndSet(false, true)) {
            link.close();
        }
    }

    /**
     * Ticks on boundedElastic, not parallel: Lettuce's write path takes a short lock that a reconnection holds
     * exclusively, so a publish can wait on it briefly, which a non-blocking thread must never do.
     */
    private static Flux<Long> every(Duration interval) {
        return Flux.interval(interval, Schedulers.boundedElastic()).onBackpressureDrop();
    }

    /** On the routing thread: queue only. A prompt shorter than one block with no work tells the peers nothing. */
    private void routed(String strategy, String address, long[] hashes, double workSeconds) {
        if (hashes.length == 0 && workSeconds == 0) {
            return;
        }
        if (!outbox.offer(strategy, address, hashes, workSeconds)) {
            meters.dropped("outbox_full");
        }
    }

    private void publishInFlight() {
        try {
            byte[] message = ReplicaCodec.encode(new InFlight(replica, inFlight.ownCounts()));
            link.publish(properties.inFlightChannel(), message, published -> {
                if (published) {
                    meters.inFlightPublished();
                }
            });
        }
        catch (RuntimeException e) {
            log.warn("Could not publish this replica's in-flight counts", e);
        }
    }

    /** While Redis is unreachable decisions stay queued (up to the bound) and go out once it is back. */
    private void publishPrefixes() {
        if (outbox.isEmpty() || !link.connected()) {
            return;
        }
        PrefixOutbox.Drained drained = outbox.drain();
        try {
            int blocks = 0;
            for (Group group : drained.groups()) {
                blocks += group.hashes().length;
            }
            if (drained.groups().isEmpty()) {
                outbox.release(drained.blocks());
                return;
            }
            int sent = blocks;
            byte[] message = ReplicaCodec.encode(new Prefixes(replica, fingerprint, drained.groups()));
            link.publish(properties.prefixChannel(), message, published -> {
                outbox.release(drained.blocks());
                if (published) {
                    meters.prefixPublished(sent);
                }
            });
        }
        catch (RuntimeException e) {
            outbox.release(drained.blocks());
            log.warn("Could not publish this replica's prefix decisions", e);
        }
    }
}
