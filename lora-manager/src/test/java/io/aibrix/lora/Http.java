package io.aibrix.lora;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.springframework.lang.Nullable;

/** A small JSON-over-HTTP client for the services and engines under test. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Nullable
    private final String token;

    Http(@Nullable String token) {
        this.token = token;
    }

    record Response(int status, JsonNode body, String text) {
    }

    Response call(String method, URI uri, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A call that must answer with {@code expected}; returns the JSON body. */
    JsonNode expect(int expected, String method, URI uri, @Nullable String body) {
        Response response = call(method, uri, body);
        if (response.status() != expected) {
            throw new AssertionError(method + " " + uri + " answered " + response.status() + ", not " + expected
                    + ": " + response.text());
        }
        return response.body();
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
}
