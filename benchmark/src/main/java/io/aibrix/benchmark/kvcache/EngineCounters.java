package io.aibrix.benchmark.kvcache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads single series from an engine's {@code /metrics} text. */
final class EngineCounters {

    private final String text;

    private EngineCounters(String text) {
        this.text = text;
    }

    static EngineCounters scrape(HttpClient http, URI engine) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(engine.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + engine + "/metrics answered " + response.statusCode());
            }
            return new EngineCounters(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the metrics of " + engine + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static EngineCounters of(String text) {
        return new EngineCounters(text);
    }

    /**
     * The sum of the samples called {@code name} whose label set contains {@code labelFragment} (e.g.
     * {@code tier="l1"}; empty for any); 0 when there is none.
     */
    double sum(String name, String labelFragment) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 1) {
                continue;
            }
            String sampleName = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            if (sampleName.equals(name) && line.substring(0, space).contains(labelFragment)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }
}
