package io.aibrix.benchmark.server;

import java.util.Map;

/** Counters per engine ({@code host:port}) at one moment; engines that could not be scraped are in {@code errors}. */
public record MetricsSnapshot(Map<String, EngineCounters> counters, Map<String, String> errors) {

    public MetricsSnapshot {
        counters = Map.copyOf(counters);
        errors = Map.copyOf(errors);
    }
}
