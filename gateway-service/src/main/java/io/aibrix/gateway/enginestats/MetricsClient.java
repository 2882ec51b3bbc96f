package io.aibrix.gateway.enginestats;

import java.net.URI;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Fetches and parses engine {@code /metrics} pages with a non-blocking Reactor Netty client on its own small
 * keep-alive connection pool. Parsing runs on the Netty thread that received the page.
 */
final class MetricsClient implements AutoCloseable {

    /** One scrape per engine at a time needs one connection; the spare covers a connection being closed. */
    private static final int CONNECTIONS_PER_ENGINE = 2;
    private static final byte[] NO_BODY = new byte[0];

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration timeout;

    MetricsClient(Duration timeout) {
        this.timeout = timeout;
        this.connections = ConnectionProvider.builder("engine-stats")
                .maxConnections(CONNECTIONS_PER_ENGINE)
                .pendingAcquireMaxCount(CONNECTIONS_PER_ENGINE)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(connections)
                .keepAlive(true)
                // Without it, a newer vLLM may answer in OpenMetrics format.
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, "text/plain; version=0.0.4"));
    }

    /** The page's series; fails with a cause {@link ScrapeError#of} classifies. */
    Mono<MetricsPage> fetch(URI metricsUri) {
        return client.get()
                .uri(metricsUri)
                .responseSingle((response, body) -> {
                    int status = response.status().code();
                    return status == 200
                            ? body.asByteArray().defaultIfEmpty(NO_BODY)
                            : Mono.<byte[]>error(new ScrapeError.StatusException(status));
                })
                .map(PrometheusTextParser::parse)
                // Guarantees one signal, which is what releases the engine's in-flight slot.
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No response from " + metricsUri)))
                // One deadline for connect, response and body; cancelling closes the connection quietly.
                .timeout(timeout, Schedulers.parallel());
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
