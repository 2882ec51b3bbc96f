package io.aibrix.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal client for the engine's HTTP surface, measuring time to first streamed token. */
final class EngineHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;

    EngineHttp(URI base) {
        this.base = base;
    }

    /** A prompt of {@code words} distinct words, all starting with {@code tag}. */
    static String words(String tag, int words) {
        return IntStream.range(0, words).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }

    JsonNode complete(String prompt, int maxTokens) {
        String body = "{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true}";
        return json(post("/v1/completions", body));
    }

    /** Streams a completion and returns the seconds until its first token, and its usage. */
    Streamed streamFirstToken(String prompt, int maxTokens) {
        String body = "{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request("/v1/completions", body),
                    HttpResponse.BodyHandlers.ofInputStream());
            double ttft = -1;
            JsonNode usage = null;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                        continue;
                    }
                    JsonNode chunk = JSON.readTree(line.substring(6));
                    if (ttft < 0 && chunk.path("choices").size() > 0) {
                        ttft = (System.nanoTime() - start) / 1e9;
                    }
                    if (chunk.hasNonNull("usage")) {
                        usage = chunk.get("usage");
                    }
                }
            }
            return new Streamed(ttft, usage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Streamed(double ttftSeconds, JsonNode usage) {

        int cachedTokens() {
            return usage.path("prompt_tokens_details").path("cached_tokens").asInt();
        }
    }

    /** The value of an unlabelled-by-reason metric sample, e.g. {@code vllm:num_preemptions_total}. */
    double metric(String name) {
        String page = get("/metrics");
        return page.lines().filter(l -> l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow(() -> new AssertionError(
                        "no sample for " + name));
    }

    String get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String post(String path, String body) {
        try {
            HttpResponse<String> response = client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
