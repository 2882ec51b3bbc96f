package io.aibrix.gateway.replicas;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import io.aibrix.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link PeerInFlight}. */
class PeerInFlightTests {

    private final MutableClock clock = new MutableClock();

    private final PeerInFlight peers = new PeerInFlight(clock, Duration.ofSeconds(1));

    @Test
    void sumsTheLatestCountsOfEveryPeer() {
        peers.accept(1, Map.of("a:8000", 3, "b:8000", 1));
        peers.accept(2, Map.of("a:8000", 2));

        assertThat(peers.count("a:8000")).isEqualTo(5);
        assertThat(peers.count("b:8000")).isEqualTo(1);
        assertThat(peers.count("c:8000")).isZero();
        assertThat(peers.peers()).isEqualTo(2);
    }

    @Test
    void replacesAPeersCountsWithItsLatest() {
        peers.accept(1, Map.of("a:8000", 3, "b:8000", 1));
        peers.accept(1, Map.of("b:8000", 4));

        assertThat(peers.count("a:8000")).as("no longer reported: nothing in flight").isZero();
        assertThat(peers.count("b:8000")).isEqualTo(4);
        assertThat(peers.peers()).isEqualTo(1);
    }

    @Test
    void forgetsAPeerNotHeardFromWithinTheExpiry() {
        peers.accept(1, Map.of("a:8000", 3));
        clock.advance(Duration.ofMillis(600));
        peers.accept(2, Map.of("a:8000", 2));
        clock.advance(Duration.ofMillis(399));

        assertThat(peers.count("a:8000")).isEqualTo(5);

        clock.advance(Duration.ofMillis(1));

        assertThat(peers.count("a:8000")).as("peer 1 silent for 1s").isEqualTo(2);
        assertThat(peers.peers()).isEqualTo(1);

        clock.advance(Duration.ofMillis(600));

        assertThat(peers.count("a:8000")).isZero();
        assertThat(peers.peers()).isZero();
    }

    @Test
    void keepsAPeerThatKeepsPublishing() {
        for (int i = 0; i < 50; i++) {
            peers.accept(1, Map.of("a:8000", i));
            clock.advance(Duration.ofMillis(50));
        }

        assertThat(peers.count("a:8000")).isEqualTo(49);
    }

    @Test
    void rejectsANonPositiveExpiry() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerInFlight(clock, Duration.ZERO));
    }
}
