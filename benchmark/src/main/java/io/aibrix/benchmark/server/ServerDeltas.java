package io.aibrix.benchmark.server;

import java.util.List;

/**
 * Per-engine and cluster deltas. The scrapes bracket the whole run, so warmup requests are included; compare them
 * with client numbers over all requests, not only the measured window.
 */
public record ServerDeltas(ServerDelta cluster, List<ServerDelta> engines) {

    public ServerDeltas {
        engines = List.copyOf(engines);
    }
}
