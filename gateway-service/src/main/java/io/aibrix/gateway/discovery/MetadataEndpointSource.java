package io.aibrix.gateway.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.lang.Nullable;

/**
 * Engines from metadata-service's registry: polls {@code GET {base-url}/v1/registry/endpoints} on a fixed tick with
 * {@code If-None-Match}, and emits a snapshot only when the content changed. A failed, slow or contract-breaking poll
 * keeps the last snapshot (logged once per outage) and the next tick retries. Polls never overlap: a tick that falls
 * while a poll is in flight is skipped. Nothing is emitted before the first successful poll.
 */
final class MetadataEndpointSource implements EndpointSource, AutoCloseable {

    static final String NAME = "metadata";

    static final String REGISTRY_PATH = "/v1/registry/endpoints";

    private static final Logger log = LoggerFactory.getLogger(MetadataEndpointSource.class);

    /** Unknown fields are ignored so metadata-service can add fields without breaking older gateways. */
    private static final ObjectReader READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readerFor(RegistryDocument.class);

    /** Polls never overlap, so one connection is all this source needs; kept apart from the proxy's pool. */
    private final ConnectionProvider connections = ConnectionProvider.builder("metadata-registry")
            .maxConnections(1)
            .build();

    private final HttpClient http;

    private final URI registryUri;

    private final Duration pollInterval;

    private final Duration requestTimeout;

    private final OutageLog outage;

    private final Sinks.Empty<Void> closed = Sinks.empty();

    /** ETag of the last document turned into a snapshot; only the serial poll chain writes it. */
    @Nullable
    private volatile String etag;

    MetadataEndpointSource(URI baseUrl, Duration pollInterval, Duration requestTimeout, Clock clock) {
        this.registryUri = registryUri(baseUrl);
        this.pollInterval = pollInterval;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.create(connections).responseTimeout(requestTimeout);
        this.outage = new OutageLog(log, "Metadata registry " + registryUri, clock);
    }

    static URI registryUri(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + REGISTRY_PATH);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Flux<EndpointSnapshot> snapshots() {
        return Flux.interval(Duration.ZERO, pollInterval)
                .onBackpressureDrop()
                .concatMap(tick -> poll(), 0)
                .distinctUntilChanged()
                .takeUntilOther(closed.asMono());
    }

    /** One poll: the new snapshot, or empty when unchanged (304) or failed. Never errors. */
    private Mono<EndpointSnapshot> poll() {
        String known = etag;
        return http.headers(headers -> {
                    if (known != null) {
                        headers.set(HttpHeaderNames.IF_NONE_MATCH, known);
                    }
                })
                .get()
                .uri(registryUri)
                .responseSingle(this::read)
                .timeout(requestTimeout)
                // After the timeout operator, so a response that lost the race never moves the ETag.
                .doOnNext(version -> etag = version.etag())
                .map(Version::snapshot)
                .doOnSuccess(snapshot -> outage.success())
                .onErrorResume(error -> {
                    outage.failure(describe(error));
                    return Mono.empty();
                });
    }

    /** A registry document turned into a snapshot, and the ETag it came with. */
    private record Version(EndpointSnapshot snapshot, @Nullable String etag) {
    }

    private Mono<Version> read(HttpClientResponse response, ByteBufMono body) {
        int status = response.status().code();
        if (status == HttpResponseStatus.NOT_MODIFIED.code()) {
            return body.then(Mono.empty());
        }
        if (status != HttpResponseStatus.OK.code()) {
            return body.then(Mono.error(new IllegalStateException("HTTP " + status)));
        }
        String responseEtag = response.responseHeaders().get(HttpHeaderNames.ETAG);
        return body.asByteArray()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty response body")))
                .map(bytes -> {
                    RegistryDocument document = parse(bytes);
                    EndpointSnapshot snapshot = document.toSnapshot();
                    log.debug("Metadata registry version {}: {} models", document.version(), snapshot.models().size());
                    return new Version(snapshot, responseEtag);
                });
    }

    private static RegistryDocument parse(byte[] bytes) {
        try {
            return READER.readValue(bytes);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("unreadable registry document: " + ex.getOriginalMessage(), ex);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("unreadable registry document: " + ex.getMessage(), ex);
        }
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException || error instanceof ReadTimeoutException) {
            return "no response within " + requestTimeout;
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    @Override
    public void close() {
        closed.tryEmitEmpty();
        connections.disposeLater().subscribe();
    }
}
