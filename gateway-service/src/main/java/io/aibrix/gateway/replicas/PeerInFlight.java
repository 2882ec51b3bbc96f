package io.aibrix.gateway.replicas;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other replicas' in-flight requests per engine: each peer's latest published counts replace its previous ones,
 * and a peer not heard from for the expiry stops counting (it stopped, or Redis is unreachable), so routing falls back
 * to this replica's own counts rather than to frozen ones.
 *
 * <p>Reads (on routing threads, per candidate) are one volatile load and a map lookup: the sums over live peers are
 * rebuilt when a message arrives or when the earliest peer in them expires. Times are this replica's receive times, so
 * replicas' clocks need not agree.
 */
final class PeerInFlight {

    private final Clock clock;
    private final long expiryMillis;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private volatile Totals totals = new Totals(Map.of(), Long.MAX_VALUE, 0);

    PeerInFlight(Clock clock, Duration expiry) {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive, got " + expiry);
        }
        this.clock = clock;
        this.expiryMillis = expiry.toMillis();
    }

    /** Replaces what the replica last reported with {@code counts} (engine address to requests in flight). */
    void accept(long replica, Map<String, Integer> counts) {
        peers.put(replica, new Peer(Map.copyOf(counts), clock.millis()));
        rebuild();
    }

    /** Requests the live peers have in flight on the engine at {@code address}. */
    int count(String address) {
        Integer count = current().sums.get(address);
        return count == null ? 0 : count;
    }

    /** Peers heard from within the expiry. */
    int peers() {
        return current().peers;
    }

    private Totals current() {
        Totals current = totals;
        return clock.millis() < current.validUntil ? current : rebuild();
    }

    /** Drops expired peers and sums the rest; serialised so a slower rebuild cannot overwrite a newer one. */
    private synchronized Totals rebuild() {
        long now = clock.millis();
        peers.values().removeIf(peer -> now - peer.heardAt >= expiryMillis);
        Map<String, Integer> sums = new HashMap<>();
        long validUntil = Long.MAX_VALUE;
        for (Peer peer : peers.values()) {
            peer.counts.forEach((address, count) -> sums.merge(address, count, Integer::sum));
            validUntil = Math.min(validUntil, peer.heardAt + expiryMillis);
        }
        Totals rebuilt = new Totals(Map.copyOf(sums), validUntil, peers.size());
        totals = rebuilt;
        return rebuilt;
    }

    private record Peer(Map<String, Integer> counts, long heardAt) {
    }

    /** @param validUntil the first instant (epoch millis) at which some peer in the sums has expired */
    private record Totals(Map<String, Integer> sums, long validUntil, int peers) {
    }
}
