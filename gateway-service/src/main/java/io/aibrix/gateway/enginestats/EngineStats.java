package io.aibrix.gateway.enginestats;

import io.aibrix.gateway.endpoint.Endpoint;

/** Read side of the engine-metrics store: what routing sees. Never blocks. */
public interface EngineStats {

    /**
     * The engine's latest metrics, or {@link EngineMetrics#unknown()} when it was never scraped successfully or its
     * last successful scrape is older than {@code gateway.engine-stats.max-staleness}.
     */
    EngineMetrics metrics(Endpoint endpoint);
}
