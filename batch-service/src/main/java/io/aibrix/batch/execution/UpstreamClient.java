package io.aibrix.batch.execution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.lang.Nullable;

/**
 * Sends line requests to the targets in turn. The JDK client pools connections per target and is driven from
 * virtual threads, so a blocked request costs no platform thread. Interrupting the calling thread aborts the request.
 */
final class UpstreamClient {

    private final List<String> targets;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final @Nullable String authorization;
    private final AtomicLong next = new AtomicLong();

    /** @param apiKey sent as a bearer token with every request; null or blank for none */
    UpstreamClient(List<URI> targets, Duration connectTimeout, Duration requestTimeout, @Nullable String apiKey) {
        this.targets = targets.stream().map(URI::toString)
                .map(base -> base.endsWith("/") ? base.substring(0, base.length() - 1) : base).toList();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
        this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey.strip();
    }

    /** POSTs the JSON body to {@code path} on the next target. */
    UpstreamResponse post(String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        String target = targets.get((int) Math.floorMod(next.getAndIncrement(), (long) targets.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new UpstreamResponse(response.statusCode(), response.body(),
                response.headers().firstValue("x-request-id").orElse(null), retryAfter(response.headers()));
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        try {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return Duration.ofMillis(Long.parseLong(millis.get().strip()));
            }
            var seconds = headers.firstValue("retry-after");
            if (seconds.isPresent()) {
                return Duration.ofSeconds(Long.parseLong(seconds.get().strip()));
            }
        } catch (NumberFormatException e) {
            // An HTTP-date Retry-After is rare from inference servers; the backoff applies instead.
        }
        return null;
    }

    @Override
    public String toString() {
        return "UpstreamClient" + targets;
    }
}
