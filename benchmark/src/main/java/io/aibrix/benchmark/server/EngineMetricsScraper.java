package io.aibrix.benchmark.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.benchmark.client.Target;

/** Reads {@code GET /metrics} of every engine and turns two snapshots into server-side deltas. */
public final class EngineMetricsScraper {

    private final EngineHttp http;

    public EngineMetricsScraper(HttpClient http, Duration timeout) {
        this.http = new EngineHttp(http, timeout);
    }

    public MetricsSnapshot scrape(List<Target> engines) {
        Map<String, EngineCounters> counters = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (Target engine : engines) {
            try {
                counters.put(engine.pod(), EngineCounters.from(PrometheusText.sums(
                        http.get(engine.endpoint("/metrics")))));
            }
            catch (IOException ex) {
                errors.put(engine.pod(), EngineHttp.describe(ex));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                errors.put(engine.pod(), "interrupted");
            }
        }
        return new MetricsSnapshot(counters, errors);
    }

    /** Deltas per engine in {@code engines} order; the cluster row sums the engines scraped both times. */
    public static ServerDeltas deltas(List<Target> engines, MetricsSnapshot before, MetricsSnapshot after) {
        List<ServerDelta> rows = new ArrayList<>();
        EngineCounters cluster = EngineCounters.zero();
        for (Target engine : engines) {
            EngineCounters start = before.counters().get(engine.pod());
            EngineCounters end = after.counters().get(engine.pod());
            if (start == null || end == null) {
                String error = before.errors().getOrDefault(engine.pod(), after.errors().get(engine.pod()));
                rows.add(ServerDelta.failed(engine.pod(), error == null ? "not scraped" : error));
                continue;
            }
            EngineCounters delta = end.minus(start);
            cluster = cluster.plus(delta);
            rows.add(ServerDelta.of(engine.pod(), delta));
        }
        return new ServerDeltas(ServerDelta.of("cluster", cluster), rows);
    }
}
