package io.aibrix.gateway.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Tests for {@link StaticEndpointSource}. */
class StaticEndpointSourceTests {

    private final EndpointSnapshot snapshot = new EndpointSnapshot(Map.of("m", List.of(Endpoint.of("h", 8000))));

    @Test
    void emitsItsSnapshotOnceAndStaysOpenUntilClosed() {
        StaticEndpointSource source = new StaticEndpointSource(snapshot);

        StepVerifier.create(source.snapshots())
                .expectNext(snapshot)
                .expectNoEvent(Duration.ofMillis(200))
                .then(source::close)
                .verifyComplete();
    }

    @Test
    void completesAtOnceAfterItsSnapshotWhenAlreadyClosed() {
        StaticEndpointSource source = new StaticEndpointSource(snapshot);
        source.close();

        StepVerifier.create(source.snapshots()).expectNext(snapshot).verifyComplete();
    }
}
