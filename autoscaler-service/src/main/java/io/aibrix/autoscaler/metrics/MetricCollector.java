package io.aibrix.autoscaler.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import io.aibrix.autoscaler.spec.MetricSource;

/**
 * Reads one metric source's value for a target: the sum over its ready pods ({@code pod}) or the value one URL
 * exports ({@code external}). A value that cannot be read is <em>unknown</em> (empty), never 0: one failed pod makes
 * the whole sample unknown, since a partial sum would look like a drop in load.
 */
public final class MetricCollector {

    private final HttpClient http;
    private final Duration timeout;

    public MetricCollector(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** The outcome of a read: the total, or why there is none. */
    public record Reading(OptionalDouble total, String problem) {

        static Reading of(double total) {
            return new Reading(OptionalDouble.of(total), null);
        }

        static Reading unknown(String problem) {
            return new Reading(OptionalDouble.empty(), problem);
        }
    }

    public Reading read(MetricSource source, List<PodEndpoint> readyPods) throws InterruptedException {
        MetricQuery query = MetricQuery.parse(source.targetMetric());
        if (MetricSource.EXTERNAL.equals(source.metricSourceType().toLowerCase(Locale.ROOT))) {
            URI uri = URI.create(source.effectiveProtocol() + "://" + source.endpoint() + source.effectivePath());
            return scrape(uri, query);
        }
        if (readyPods.isEmpty()) {
            return Reading.unknown("no ready pods to read " + source.targetMetric() + " from");
        }
        double total = 0;
        for (PodEndpoint pod : readyPods) {
            int port = source.port() == null ? pod.port() : Integer.parseInt(source.port().trim());
            URI uri = URI.create(source.effectiveProtocol() + "://" + pod.host() + ":" + port + source.effectivePath());
            Reading reading = scrape(uri, query);
            if (reading.total().isEmpty()) {
                return Reading.unknown(pod.name() + ": " + reading.problem());
            }
            total += reading.total().getAsDouble();
        }
        return Reading.of(total);
    }

    private Reading scrape(URI uri, MetricQuery query) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Reading.unknown(uri + " answered HTTP " + response.statusCode());
            }
            OptionalDouble value = PrometheusText.sum(response.body(), query);
            return value.isPresent() ? Reading.of(value.getAsDouble())
                    : Reading.unknown(uri + " has no series " + query.name() + query.labels());
        }
        catch (IOException ex) {
            return Reading.unknown(uri + " failed: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : " " + ex.getMessage()));
        }
    }
}
