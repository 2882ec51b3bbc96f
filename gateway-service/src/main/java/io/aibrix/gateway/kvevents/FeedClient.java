package io.aibrix.gateway.kvevents;

import java.net.URI;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;

import org.springframework.lang.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The engines' {@code GET /server_info} and {@code GET /v1/kv-events}, over a non-blocking Reactor Netty client with
 * its own small pool (one long-lived stream and one short request per engine). Lines are split and handed on on the
 * Netty thread that received them.
 */
final class FeedClient implements AutoCloseable {

    private static final int CONNECTIONS_PER_ENGINE = 2;
    private static final String NDJSON = "application/x-ndjson";

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxLineBytes;

    /**
     * @param loops the event loops to run on (the gateway's), or null for Reactor Netty's shared loops
     */
    FeedClient(Duration requestTimeout, int maxLineBytes, @Nullable LoopResources loops) {
        this.requestTimeout = requestTimeout;
        this.maxLineBytes = maxLineBytes;
        this.connections = ConnectionProvider.builder("engine-kv-events")
                .maxConnections(CONNECTIONS_PER_ENGINE)
                .pendingAcquireMaxCount(CONNECTIONS_PER_ENGINE * 2)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections);
        this.client = (loops != null ? http.runOn(loops) : http)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        requestTimeout.toMillis()));
    }

    /** The engine's {@code /server_info}; fails when it cannot be read or is not one. */
    Mono<ServerInfo> serverInfo(URI base) {
        return client.get()
                .uri(base.resolve("/server_info"))
                .responseSingle((response, body) -> {
                    int status = response.status().code();
                    return status == 200 ? body.asByteArray()
                            : Mono.<byte[]>error(new StatusException("/server_info", status));
                })
                .map(ServerInfo::parse)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Empty /server_info from " + base)))
                .timeout(requestTimeout, Schedulers.parallel());
    }

    /**
     * The stream's lines, without their {@code \n}, until the engine ends it; fails on a status other than 200 or a
     * line longer than the limit. Cancelling closes the connection.
     */
    Flux<byte[]> lines(URI uri) {
        return Flux.defer(() -> {
            LineSplitter splitter = new LineSplitter(maxLineBytes);
            return client.headers(headers -> headers.set(HttpHeaderNames.ACCEPT, NDJSON))
                    .get()
                    .uri(uri)
                    .response((response, body) -> {
                        int status = response.status().code();
                        return status == 200 ? body.asByteArray()
                                : Flux.<byte[]>error(new StatusException(uri.getPath(), status));
                    })
                    .concatMapIterable(splitter::split);
        });
    }

    @Override
    public void close() {
        connections.dispose();
    }

    /** An engine answered with a status other than 200. */
    static final class StatusException extends RuntimeException {

        private final String path;
        private final int status;

        StatusException(String path, int status) {
            super(path + " answered " + status, null, false, false);
            this.path = path;
            this.status = status;
        }

        String path() {
            return path;
        }

        int status() {
            return status;
        }
    }
}
