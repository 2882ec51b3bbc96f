package io.aibrix.gateway.replicas;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.replicas.ReplicaCodec.Group;
import io.aibrix.gateway.replicas.ReplicaCodec.InFlight;
import io.aibrix.gateway.replicas.ReplicaCodec.MalformedMessageException;
import io.aibrix.gateway.replicas.ReplicaCodec.Prefixes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link ReplicaCodec}. */
class ReplicaCodecTests {

    private static final Prefixes PREFIXES = new Prefixes(-7, 0x1234_5678_9abc_def0L, List.of(
            new Group("prefix-cache", "10.0.0.1:8000", 0, new long[] {1, -2, Long.MAX_VALUE}),
            new Group("prefix-cache-preble", "[fe80::1]:8000", 0.25, new long[0])));

    @Test
    void roundTripsInFlightCounts() {
        Map<String, Integer> counts = Map.of("10.0.0.1:8000", 3, "10.0.0.2:8000", 0, "pod-é:8000", 70_000);

        InFlight decoded = ReplicaCodec.decodeInFlight(ReplicaCodec.encode(new InFlight(42, counts)));

        assertThat(decoded.replica()).isEqualTo(42);
        assertThat(decoded.counts()).isEqualTo(counts);
    }

    @Test
    void roundTripsPrefixDecisions() {
        Prefixes decoded = ReplicaCodec.decodePrefixes(ReplicaCodec.encode(PREFIXES));

        assertThat(decoded.replica()).isEqualTo(-7);
        assertThat(decoded.fingerprint()).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(decoded.groups()).hasSize(2);
        assertThat(decoded.groups().get(0).strategy()).isEqualTo("prefix-cache");
        assertThat(decoded.groups().get(0).address()).isEqualTo("10.0.0.1:8000");
        assertThat(decoded.groups().get(0).hashes()).containsExactly(1, -2, Long.MAX_VALUE);
        assertThat(decoded.groups().get(1).address()).isEqualTo("[fe80::1]:8000");
        assertThat(decoded.groups().get(1).workSeconds()).isEqualTo(0.25);
        assertThat(decoded.groups().get(1).hashes()).isEmpty();
    }

    @Test
    void rejectsAnotherVersion() {
        byte[] message = ReplicaCodec.encode(PREFIXES);
        message[0] = 2;

        assertThatThrownBy(() -> ReplicaCodec.decodePrefixes(message)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] prefixes = ReplicaCodec.encode(PREFIXES);
        byte[] inFlight = ReplicaCodec.encode(new InFlight(1, Map.of("a:1", 1)));

        for (int length = 0; length < prefixes.length; length++) {
            byte[] cut = Arrays.copyOf(prefixes, length);
            assertThatThrownBy(() -> ReplicaCodec.decodePrefixes(cut)).as("first %d bytes", length)
                    .isInstanceOf(MalformedMessageException.class);
        }
        for (int length = 0; length < inFlight.length; length++) {
            byte[] cut = Arrays.copyOf(inFlight, length);
            assertThatThrownBy(() -> ReplicaCodec.decodeInFlight(cut)).as("first %d bytes", length)
                    .isInstanceOf(MalformedMessageException.class);
        }
        byte[] longer = Arrays.copyOf(inFlight, inFlight.length + 1);
        assertThatThrownBy(() -> ReplicaCodec.decodeInFlight(longer)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void rejectsCountsTheMessageCannotHoldWithoutAllocatingThem() {
        byte[] message = ByteBuffer.allocate(1 + 8 + 8 + 4).put(ReplicaCodec.VERSION).putLong(1).putLong(2)
                .putInt(Integer.MAX_VALUE).array();

        assertThatThrownBy(() -> ReplicaCodec.decodePrefixes(message)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void rejectsNegativeCountsAndWork() {
        byte[] inFlight = ReplicaCodec.encode(new InFlight(1, Map.of("a:1", -1)));
        byte[] work = ReplicaCodec.encode(new Prefixes(1, 2, List.of(new Group("s", "a:1", -1, new long[0]))));

        assertThatThrownBy(() -> ReplicaCodec.decodeInFlight(inFlight)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ReplicaCodec.decodePrefixes(work)).isInstanceOf(MalformedMessageException.class);
    }
}
