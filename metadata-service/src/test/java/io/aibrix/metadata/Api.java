package io.aibrix.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.springframework.lang.Nullable;

/** A small HTTP client for the service under test: one call, its status, headers and JSON body. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String baseUrl;

    private final String adminToken;

    private final String internalToken;

    Api(String baseUrl, String adminToken, String internalToken) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.internalToken = internalToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A call with the admin token. */
    public Response admin(String method, String path, @Nullable String body) {
        return send(method, path, body, Map.of("Authorization", "Bearer " + adminToken));
    }

    /** A call with the internal token. */
    public Response internal(String method, String path, @Nullable String body) {
        return send(method, path, body, Map.of("Authorization", "Bearer " + internalToken));
    }

    public Response send(String method, String path, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, parse(response.body()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        }
        catch (IOException ex) {
            return MissingNode.getInstance();
        }
    }

    /** One answer. */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        @Nullable
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        /** The problem's {@code detail}, for assertions on error messages. */
        public String detail() {
            return json.path("detail").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }
}
