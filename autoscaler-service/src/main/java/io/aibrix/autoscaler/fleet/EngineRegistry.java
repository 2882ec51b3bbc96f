package io.aibrix.autoscaler.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** metadata-service's engine registry ({@code /internal/v1/engines}), which the gateway discovers engines from. */
final class EngineRegistry {

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** @param base null when engines are not registered anywhere (every call is then a no-op) */
    EngineRegistry(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    void register(String name, String host, int port, String model, Map<String, String> labels)
            throws IOException, InterruptedException {
        String labelJson = labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> quote(label.getKey()) + ":" + quote(label.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        send("PUT", name, "{\"host\":" + quote(host) + ",\"port\":" + port + ",\"models\":[" + quote(model) + "]"
                + ",\"labels\":" + labelJson + "}", List.of(200, 201));
    }

    /** @return false when the registry no longer knows the engine (it expired), so it must register again */
    boolean heartbeat(String name) throws IOException, InterruptedException {
        return send("POST", name + "/heartbeat", null, List.of(200, 204, 404)) != 404;
    }

    void deregister(String name) throws IOException, InterruptedException {
        send("DELETE", name, null, List.of(200, 204, 404));
    }

    private int send(String method, String path, String json, List<Integer> accepted)
            throws IOException, InterruptedException {
        if (base == null) {
            return accepted.getFirst();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/internal/v1/engines/" + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (!accepted.contains(response.statusCode())) {
            throw new IOException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response.statusCode();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
