package io.aibrix.kvcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.springframework.lang.Nullable;

/** A small HTTP client for the coordinator under test: one call, its status, headers and JSON body. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response send(String method, String path, @Nullable String body) {
        return send(method, path, body, Map.of());
    }

    public Response send(String method, String path, @Nullable String body, Map<String, String> headers) {
        try {
            return toResponse(http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer arrives later (a watch). */
    public CompletableFuture<Response> sendAsync(String path) {
        return http.sendAsync(request("GET", path, null, Map.of()), HttpResponse.BodyHandlers.ofString())
                .thenApply(Api::toResponse);
    }

    /** Registers {@code node} in {@code cluster}; fails unless 200 or 201. */
    public Response register(String cluster, String node, String address, int port) {
        Response response = send("PUT", "/v1/clusters/" + cluster + "/nodes/" + node,
                "{\"address\":\"" + address + "\",\"port\":" + port + "}");
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("Registration failed: " + response);
        }
        return response;
    }

    private HttpRequest request(String method, String path, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    private static Response toResponse(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
        }
        catch (IOException e) {
            json = MissingNode.getInstance();
        }
        return new Response(response.statusCode(), response, json);
    }

    /** @param status HTTP status @param raw the response @param json the body as JSON (missing when empty) */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        @Nullable
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }
}
