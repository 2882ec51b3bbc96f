package io.aibrix.gateway.enginestats;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

import io.aibrix.gateway.endpoint.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Every interval, brings the store's engine set up to date with the targets and starts a scrape of each engine whose
 * previous scrape has finished, so a slow engine never has more than one request outstanding nor holds up others.
 * Ticks run on a Reactor scheduler and only start non-blocking requests; HTTP and parsing run on Netty threads.
 */
final class ScrapeLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScrapeLoop.class);

    private final ScrapeTargets targets;
    private final EngineStatsStore store;
    private final EngineStatsMeters meters;
    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    /** Both set while running; a restart gets a fresh connection pool. */
    private volatile MetricsClient client;
    private volatile Disposable ticks;

    ScrapeLoop(ScrapeTargets targets, EngineStatsStore store, EngineStatsMeters meters, Clock clock,
            Duration interval, Duration timeout) {
        this.targets = targets;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
        this.interval = interval;
        this.timeout = timeout;
    }

    @Override
    public synchronized void start() {
        if (ticks == null) {
            client = new MetricsClient(timeout);
            // A dropped tick is harmless (the next one catches up); ticks never overlap, so the store has one writer.
            ticks = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
                    .onBackpressureDrop()
                    .subscribe(tick -> tick());
        }
    }

    /** Stops ticking and closes the connection pool; scrapes still in flight fail and are not retried. */
    @Override
    public synchronized void stop() {
        if (ticks != null) {
            ticks.dispose();
            ticks = null;
            client.close();
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }

    /** One round: refresh the engine set, then start the scrapes that are due. Never throws (it would end the loop). */
    private void tick() {
        try {
            Collection<Endpoint> current = targets.endpoints();
            if (store.reconcile(current)) {
                meters.track(store.tracked());
            }
        } catch (RuntimeException e) {
            log.warn("Could not refresh the engines to scrape; keeping the previous set", e);
        }
        MetricsClient current = client;
        for (EngineScraper scraper : store.tracked().scrapers()) {
            if (scraper.tryStart()) {
                try {
                    scrape(current, scraper);
                } catch (RuntimeException e) {
                    scraper.failed();
                    log.warn("Could not start a scrape of {}", scraper.metricsUri(), e);
                }
            }
        }
    }

    private void scrape(MetricsClient client, EngineScraper scraper) {
        client.fetch(scraper.metricsUri()).subscribe(
                page -> scraper.succeeded(page, clock.millis()),
                failure -> {
                    scraper.failed();
                    ScrapeError reason = ScrapeError.of(failure);
                    meters.scrapeFailed(scraper, reason);
                    log.debug("Scrape of {} failed ({}): {}", scraper.metricsUri(), reason.tag(), failure.toString());
                });
    }
}
