package io.aibrix.gateway.replicas;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.aibrix.gateway.replicas.ReplicaCodec.Group;
import io.aibrix.gateway.replicas.ReplicaCodec.InFlight;
import io.aibrix.gateway.replicas.ReplicaCodec.MalformedMessageException;
import io.aibrix.gateway.replicas.ReplicaCodec.Prefixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what other replicas publish: in-flight counts to {@link PeerInFlight}, prefix decisions to this replica's
 * strategies as if it had routed them. Skips this replica's own messages (pub/sub delivers them back), messages it
 * cannot read, prefix batches hashed with another {@code fingerprint}, and groups for engines this replica does not
 * know (a pod discovery already dropped, which must come back cold). Runs on the Redis client's I/O thread; never
 * throws.
 */
final class PeerMessages {

    private static final Logger log = LoggerFactory.getLogger(PeerMessages.class);

    /** The strategies' side: false when there is no strategy of that name. */
    @FunctionalInterface
    interface PrefixSink {

        boolean apply(String strategy, String address, long[] hashes, double workSeconds);
    }

    private final long self;
    private final long fingerprint;
    private final String inFlightChannel;
    private final String prefixChannel;
    private final PeerInFlight inFlight;
    private final PrefixSink prefixes;
    private final Predicate<String> knownEngine;
    private final ReplicaMeters meters;
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();
    private final AtomicBoolean warnedFingerprint = new AtomicBoolean();

    PeerMessages(long self, long fingerprint, ReplicasProperties properties, PeerInFlight inFlight,
            PrefixSink prefixes, Predicate<String> knownEngine, ReplicaMeters meters) {
        this.self = self;
        this.fingerprint = fingerprint;
        this.inFlightChannel = properties.inFlightChannel();
        this.prefixChannel = properties.prefixChannel();
        this.inFlight = inFlight;
        this.prefixes = prefixes;
        this.knownEngine = knownEngine;
        this.meters = meters;
    }

    void accept(String channel, byte[] message) {
        try {
            if (channel.equals(inFlightChannel)) {
                inFlight(ReplicaCodec.decodeInFlight(message));
            }
            else if (channel.equals(prefixChannel)) {
                prefixes(ReplicaCodec.decodePrefixes(message));
            }
        }
        catch (MalformedMessageException e) {
            meters.dropped("malformed");
            if (warnedMalformed.compareAndSet(false, true)) {
                log.warn("Ignoring unreadable messages on {} (is a replica of another version publishing?): {}",
                        channel, e.getMessage());
            }
        }
        catch (RuntimeException e) {
            log.warn("Could not apply a message from another gateway replica on {}", channel, e);
        }
    }

    private void inFlight(InFlight message) {
        if (message.replica() != self) {
            inFlight.accept(message.replica(), message.counts());
            meters.inFlightApplied();
        }
    }

    private void prefixes(Prefixes message) {
        if (message.replica() == self) {
            return;
        }
        if (message.fingerprint() != fingerprint) {
            meters.dropped("fingerprint");
            if (warnedFingerprint.compareAndSet(false, true)) {
                log.warn("Ignoring prefix decisions of replica {}: it hashes prompts differently; every replica needs "
                        + "the same gateway.routing.prefix-cache.hash-seed, tokenizer and block sizes",
                        Long.toHexString(message.replica()));
            }
            return;
        }
        int applied = 0;
        for (Group group : message.groups()) {
            if (!knownEngine.test(group.address())) {
                meters.dropped("unknown_engine");
            }
            else if (!prefixes.apply(group.strategy(), group.address(), group.hashes(), group.workSeconds())) {
                meters.dropped("unknown_strategy");
            }
            else {
                applied += group.hashes().length;
            }
        }
        meters.prefixApplied(applied);
    }
}
