package io.aibrix.benchmark.routing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.client.Target;

/**
 * Asks a gateway whether it knows a routing strategy, with one one-token chat request carrying it: strategies other
 * work adds to the gateway are plain names, and a gateway build without them answers 400 naming the valid ones.
 * The prompt is a single word, shorter than one KV block, so the probe leaves nothing in any prefix cache.
 */
final class StrategyProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json;

    StrategyProbe(HttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** Null when the gateway served the probe; otherwise why the strategy cannot be benchmarked. */
    String unavailableReason(Target gateway, String model, String strategy) {
        String body = json.createObjectNode()
                .put("model", model)
                .put("max_tokens", 1)
                .set("messages", json.createArrayNode().add(json.createObjectNode()
                        .put("role", "user").put("content", "ping")))
                .toString();
        HttpRequest request = HttpRequest.newBuilder(gateway.endpoint("/v1/chat/completions"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("routing-strategy", strategy)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("probe of strategy " + strategy + " at " + gateway.baseUri()
                    + " failed: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing strategy " + strategy, ex);
        }
        if (response.statusCode() == 200) {
            return null;
        }
        if (response.statusCode() == 400) {
            return "the gateway rejects it: " + message(response.body());
        }
        throw new IllegalStateException("probe of strategy " + strategy + " answered HTTP " + response.statusCode()
                + ": " + message(response.body()));
    }

    private String message(String body) {
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            return message.isTextual() ? message.asText() : body;
        }
        catch (IOException ex) {
            return body;
        }
    }
}
