package io.aibrix.gateway.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.lang.Nullable;

/**
 * metadata-service's {@code POST /internal/v1/api-keys/resolve}, on the gateway's own event loops: 200 is the key's
 * caller, 404 an unknown or revoked key; anything else (an error status, no answer within the timeout, a refused
 * connection) fails with {@link MetadataUnavailableException}. The key travels in the body, never in the URL.
 */
final class MetadataKeyClient implements AutoCloseable {

    static final String RESOLVE_PATH = "/internal/v1/api-keys/resolve";

    private static final ObjectReader READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readerFor(Resolution.class);

    private final ConnectionProvider connections;
    private final HttpClient http;
    private final URI resolveUri;
    private final Duration timeout;

    MetadataKeyClient(String baseUrl, @Nullable String token, Duration timeout, LoopResources loops) {
        this.resolveUri = resolveUri(baseUrl);
        this.timeout = timeout;
        this.connections = ConnectionProvider.builder("metadata-keys")
                .maxConnections(32)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.http = HttpClient.create(connections)
                .runOn(loops)
                .responseTimeout(timeout)
                .headers(headers -> {
                    headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                    if (token != null && !token.isBlank()) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                });
    }

    static URI resolveUri(String baseUrl) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + RESOLVE_PATH);
    }

    URI resolveUri() {
        return resolveUri;
    }

    Mono<KeyLookup> resolve(String key) {
        String body = JsonNodeFactory.instance.objectNode().put("key", key).toString();
        return http.post()
                .uri(resolveUri)
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle(MetadataKeyClient::read)
                .switchIfEmpty(Mono.error(() -> new MetadataUnavailableException("no answer")))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof MetadataUnavailableException),
                        error -> new MetadataUnavailableException(describe(error)));
    }

    private static Mono<KeyLookup> read(HttpClientResponse response, ByteBufMono body) {
        int status = response.status().code();
        if (status == 404) {
            return body.then(Mono.just(KeyLookup.UNKNOWN));
        }
        if (status != 200) {
            return body.then(Mono.error(new MetadataUnavailableException("HTTP " + status
                    + (status == 401 || status == 403 ? " (check gateway.auth.metadata-token)" : ""))));
        }
        return body.asByteArray()
                .switchIfEmpty(Mono.error(() -> new MetadataUnavailableException("empty response body")))
                .map(MetadataKeyClient::parse);
    }

    private static KeyLookup parse(byte[] bytes) {
        Resolution resolution;
        try {
            resolution = READER.readValue(bytes);
        }
        catch (IOException e) {
            throw new MetadataUnavailableException("unreadable key resolution: " + e.getMessage());
        }
        if (resolution.user() == null || resolution.keyId() == null) {
            throw new MetadataUnavailableException("key resolution without 'user' or 'keyId'");
        }
        return KeyLookup.found(new Caller(resolution.user(), resolution.rpm(), resolution.tpm(), resolution.keyId(),
                resolution.keyPrefix() == null ? "" : resolution.keyPrefix()));
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException || error instanceof ReadTimeoutException) {
            return "no answer within " + timeout;
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        connections.disposeLater().subscribe();
    }

    /** The 200 body: {@code {"user","rpm","tpm","keyId","keyPrefix"}}, null limits meaning unlimited. */
    private record Resolution(@Nullable String user, @Nullable Long rpm, @Nullable Long tpm, @Nullable String keyId,
            @Nullable String keyPrefix) {
    }
}
