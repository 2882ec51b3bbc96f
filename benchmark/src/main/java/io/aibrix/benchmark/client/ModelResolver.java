package io.aibrix.benchmark.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Asks a target's {@code GET /v1/models} for the first served model id. */
public final class ModelResolver {

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public ModelResolver(HttpClient http, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    public String firstModel(Target target, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.endpoint("/v1/models")).timeout(timeout).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new EndpointException("cannot list models at " + target.baseUri() + " (" + ex + "); is the target "
                    + "up? Pass --model to skip the lookup", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new EndpointException("interrupted while listing models at " + target.baseUri(), ex);
        }
        if (response.statusCode() != 200) {
            throw new EndpointException("GET " + target.endpoint("/v1/models") + " answered HTTP "
                    + response.statusCode() + ": " + ErrorBodies.message(response.body()));
        }
        try {
            JsonNode id = json.readTree(response.body()).path("data").path(0).path("id");
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new EndpointException("GET " + target.endpoint("/v1/models") + " lists no model; pass --model");
            }
            return id.asText();
        }
        catch (IOException ex) {
            throw new EndpointException("GET " + target.endpoint("/v1/models") + " did not return JSON", ex);
        }
    }
}
