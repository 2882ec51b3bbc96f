package io.aibrix.gateway.enginestats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aibrix.gateway.endpoint.Endpoint;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real local HTTP server standing in for an engine whose {@code /metrics} misbehaves (slow, failing, garbled),
 * which a simulated engine cannot be made to do. Records when each request arrived.
 */
final class MetricsStubServer implements AutoCloseable {

    private final DisposableServer server;
    private final List<Long> arrivalsNanos = new CopyOnWriteArrayList<>();

    private MetricsStubServer(int status, String page, Duration delay) {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/metrics", (request, response) -> {
                    arrivalsNanos.add(System.nanoTime());
                    return Mono.delay(delay)
                            .then(response.status(status)
                                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                                    .sendByteArray(Mono.just(body))
                                    .then());
                }))
                .bindNow();
    }

    static MetricsStubServer serving(String page) {
        return new MetricsStubServer(200, page, Duration.ZERO);
    }

    static MetricsStubServer slow(String page, Duration delay) {
        return new MetricsStubServer(200, page, delay);
    }

    static MetricsStubServer failing(int status) {
        return new MetricsStubServer(status, "engine unavailable", Duration.ZERO);
    }

    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", server.port());
    }

    /** {@link System#nanoTime()} of each request's arrival, in order. */
    List<Long> arrivalsNanos() {
        return List.copyOf(arrivalsNanos);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
