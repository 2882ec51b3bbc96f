package io.aibrix.gateway.proxy;

import io.aibrix.gateway.endpoint.Endpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link InFlightRequests}. */
class InFlightRequestsTests {

    private final InFlightRequests inFlight = new InFlightRequests(new SimpleMeterRegistry());
    private final Endpoint engine = Endpoint.of("10.0.0.1", 8000);

    @Test
    void countsARequestAsPrefillingUntilItsFirstByteAndInFlightUntilItEnds() {
        InFlightRequests.Lease streaming = inFlight.acquire(engine, "m");
        InFlightRequests.Lease queued = inFlight.acquire(engine, "m");

        streaming.firstByte();
        streaming.firstByte();

        assertThat(inFlight.count(engine)).isEqualTo(2);
        assertThat(inFlight.prefilling(engine)).as("once per request").isEqualTo(1);

        queued.release();
        assertThat(inFlight.prefilling(engine)).as("a request that ends unanswered stops prefilling").isZero();
        streaming.release();
        streaming.release();
        assertThat(inFlight.count(engine)).isZero();
        assertThat(inFlight.prefilling(engine)).isZero();
        assertThat(inFlight.prefilling(Endpoint.of("10.0.0.2", 8000))).isZero();
    }

    @Test
    void neverReportsMorePrefillingThanInFlight() {
        inFlight.acquire(engine, "m");
        inFlight.peerCounts(address -> 3);

        assertThat(inFlight.count(engine)).as("peers' totals count").isEqualTo(4);
        assertThat(inFlight.prefilling(engine)).as("peers publish no prefilling counts").isEqualTo(1);
    }
}
