package io.aibrix.gateway.replicas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aibrix.gateway.replicas.ReplicaCodec.Group;
import io.aibrix.gateway.replicas.ReplicaCodec.InFlight;
import io.aibrix.gateway.replicas.ReplicaCodec.Prefixes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PeerMessages}. */
class PeerMessagesTests {

    private static final long SELF = 1;
    private static final long PEER = 2;
    private static final long FINGERPRINT = 99;

    private static final ReplicasProperties PROPERTIES = new ReplicasProperties("redis://127.0.0.1:6379", "test",
            Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofSeconds(10), 1000,
            Duration.ofSeconds(1));

    private final MutableClock clock = new MutableClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final PeerInFlight inFlight = new PeerInFlight(clock, Duration.ofSeconds(1));

    private final List<String> applied = new ArrayList<>();

    private final PeerMessages messages = new PeerMessages(SELF, FINGERPRINT, PROPERTIES, inFlight,
            (strategy, address, hashes, work) -> {
                if (!strategy.startsWith("prefix-cache")) {
                    return false;
                }
                applied.add(strategy + "@" + address + "=" + hashes.length + "+" + work);
                return true;
            }, Set.of("a:8000", "b:8000")::contains, new ReplicaMeters(registry));

    @Test
    void takesInAPeersInFlightCounts() {
        messages.accept("test:in-flight", ReplicaCodec.encode(new InFlight(PEER, Map.of("a:8000", 4))));

        assertThat(inFlight.count("a:8000")).isEqualTo(4);
        assertThat(count("gateway.replicas.messages", "kind", "in_flight", "direction", "applied")).isEqualTo(1);
    }

    @Test
    void ignoresItsOwnMessages() {
        messages.accept("test:in-flight", ReplicaCodec.encode(new InFlight(SELF, Map.of("a:8000", 4))));
        messages.accept("test:prefix", ReplicaCodec.encode(new Prefixes(SELF, FINGERPRINT,
                List.of(new Group("prefix-cache", "a:8000", 0, new long[] {1})))));

        assertThat(inFlight.count("a:8000")).isZero();
        assertThat(applied).isEmpty();
    }

    @Test
    void appliesAPeersPrefixDecisionsForKnownEnginesAndStrategies() {
        messages.accept("test:prefix", ReplicaCodec.encode(new Prefixes(PEER, FINGERPRINT, List.of(
                new Group("prefix-cache", "a:8000", 0, new long[] {1, 2, 3}),
                new Group("prefix-cache-preble", "b:8000", 0.5, new long[] {4}),
                new Group("prefix-cache", "gone:8000", 0, new long[] {5}),
                new Group("kv-aware", "a:8000", 0, new long[] {6})))));

        assertThat(applied).containsExactly("prefix-cache@a:8000=3+0.0", "prefix-cache-preble@b:8000=1+0.5");
        assertThat(count("gateway.replicas.prefix.blocks", "direction", "applied")).isEqualTo(4);
        assertThat(count("gateway.replicas.dropped", "reason", "unknown_engine")).isEqualTo(1);
        assertThat(count("gateway.replicas.dropped", "reason", "unknown_strategy")).isEqualTo(1);
    }

    @Test
    void dropsDecisionsHashedWithAnotherFingerprint() {
        messages.accept("test:prefix", ReplicaCodec.encode(new Prefixes(PEER, FINGERPRINT + 1,
                List.of(new Group("prefix-cache", "a:8000", 0, new long[] {1})))));

        assertThat(applied).isEmpty();
        assertThat(count("gateway.replicas.dropped", "reason", "fingerprint")).isEqualTo(1);
    }

    @Test
    void countsUnreadableMessagesWithoutThrowing() {
        messages.accept("test:in-flight", new byte[] {1, 2, 3});
        messages.accept("test:prefix", new byte[0]);
        messages.accept("test:other", new byte[] {9});

        assertThat(count("gateway.replicas.dropped", "reason", "malformed")).isEqualTo(2);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
