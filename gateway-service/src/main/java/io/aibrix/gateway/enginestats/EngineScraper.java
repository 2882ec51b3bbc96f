package io.aibrix.gateway.enginestats;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live state of one scraped engine ({@code /metrics} URI): the single in-flight slot that keeps scrapes from piling
 * up, the sample window, and the latest metrics the read side serves.
 *
 * <p>Threading: {@link #tryStart()} hands the slot to one scrape; that scrape's completion (on a Netty thread) is the
 * only writer of the window and releases the slot, which also publishes the window to the next scrape. The latest
 * metrics are a volatile field, so reads are lock-free.
 */
final class EngineScraper {

    private final URI metricsUri;
    private final String address;
    private final MetricsWindow window;
    private final long trackedSinceMillis;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    /** Null until the first successful scrape. */
    private volatile EngineMetrics latest;
    private volatile boolean retired;

    EngineScraper(URI metricsUri, String address, Duration window, long trackedSinceMillis) {
        this.metricsUri = metricsUri;
        this.address = address;
        this.window = new MetricsWindow(window);
        this.trackedSinceMillis = trackedSinceMillis;
    }

    URI metricsUri() {
        return metricsUri;
    }

    /** {@code host:port} of the first endpoint that named this engine; the {@code endpoint} tag of its meters. */
    String address() {
        return address;
    }

    /** The engine left the scraped set; a scrape still running for it is not reported any more. */
    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    /** Claims the in-flight slot; false while the previous scrape of this engine is still running. */
    boolean tryStart() {
        return inFlight.compareAndSet(false, true);
    }

    /** Ends the scrape that holds the slot with the page it read at {@code nowMillis}. */
    void succeeded(MetricsPage page, long nowMillis) {
        try {
            latest = window.update(page, nowMillis);
        } finally {
            inFlight.set(false);
        }
    }

    /** Ends the scrape that holds the slot without a page; the latest metrics stay until they go stale. */
    void failed() {
        inFlight.set(false);
    }

    /** The latest metrics, or unknown when never scraped or the last success is older than {@code maxStaleMillis}. */
    EngineMetrics metrics(long nowMillis, long maxStaleMillis) {
        EngineMetrics current = latest;
        if (current == null || nowMillis - current.scrapedAt().toEpochMilli() > maxStaleMillis) {
            return EngineMetrics.unknown();
        }
        return current;
    }

    /** Seconds since the last successful scrape, or since tracking began when none succeeded yet. */
    double secondsSinceSuccess(long nowMillis) {
        EngineMetrics current = latest;
        long since = current == null ? trackedSinceMillis : current.scrapedAt().toEpochMilli();
        return Math.max(0, nowMillis - since) / 1000.0;
    }
}
