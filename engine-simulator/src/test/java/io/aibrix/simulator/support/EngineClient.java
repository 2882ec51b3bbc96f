package io.aibrix.simulator.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatedEngine;

/**
 * A small HTTP/1.1 client for one simulated engine, on {@link HttpClient}: plain requests answer the whole body as
 * text, streamed ones as an {@link SseStream}. I/O failures surface as {@link UncheckedIOException} so tests can
 * assert on them (connection refused, request timed out).
 */
public final class EngineClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public EngineClient(URI base) {
        this(base, TIMEOUT);
    }

    /** @param timeout how long each request may take before it fails with an {@link UncheckedIOException} */
    public EngineClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static EngineClient of(SimulatedEngine engine) {
        return new EngineClient(engine.baseUri());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** POSTs {@code body} as {@code application/json}. */
    public HttpResponse<String> post(String path, String body) {
        return send(json(request(path), "POST", body));
    }

    public HttpResponse<String> put(String path, String body) {
        return send(json(request(path), "PUT", body));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** POSTs and answers as soon as the headers arrived; the caller reads (and closes) the body as SSE. */
    public SseStream postStream(String path, String body) {
        HttpResponse<InputStream> response = sendRaw(json(request(path), "POST", body),
                HttpResponse.BodyHandlers.ofInputStream());
        return new SseStream(response);
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(json(request(path), "POST", body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes {@code /metrics}. */
    public MetricsPage metrics() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return MetricsPage.parse(response.body());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String method, String body) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return sendRaw(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + base, e);
        }
    }
}
