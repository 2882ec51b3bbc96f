package io.aibrix.benchmark.routing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.server.EngineMetricsScraper;
import io.aibrix.benchmark.server.MetricsSnapshot;

/**
 * The engines' counters at the end of the warmup, read on a virtual thread while the load runs, so server-side
 * figures (hit rate, preemptions) cover the same window as the client's latencies. With no warmup it is the
 * snapshot taken at the start.
 */
final class WarmupScrape {

    private final CompletableFuture<MetricsSnapshot> snapshot;

    private WarmupScrape(CompletableFuture<MetricsSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** Scrapes {@code warmupSeconds} after {@code startNanos} ({@link NanoClock} time). */
    static WarmupScrape schedule(EngineMetricsScraper scraper, List<Target> engines, MetricsSnapshot atStart,
            NanoClock clock, long startNanos, double warmupSeconds) {
        if (warmupSeconds <= 0) {
            return new WarmupScrape(CompletableFuture.completedFuture(atStart));
        }
        CompletableFuture<MetricsSnapshot> future = new CompletableFuture<>();
        Thread.ofVirtual().name("warmup-scrape").start(() -> {
            try {
                clock.sleepUntil(startNanos + Math.round(warmupSeconds * 1e9));
                future.complete(scraper.scrape(engines));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                future.completeExceptionally(ex);
            }
            catch (RuntimeException ex) {
                future.completeExceptionally(ex);
            }
        });
        return new WarmupScrape(future);
    }

    /** Waits for the scrape; the run lasts longer than its warmup, so normally it is long done. */
    MetricsSnapshot await() {
        try {
            return snapshot.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the warmup scrape", ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("warmup scrape failed", ex.getCause());
        }
    }
}
