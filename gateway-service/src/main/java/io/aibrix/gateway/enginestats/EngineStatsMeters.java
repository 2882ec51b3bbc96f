package io.aibrix.gateway.enginestats;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.aibrix.gateway.endpoint.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The scraper's own meters: seconds since each engine's last successful scrape, and failed scrapes by reason. Rows
 * and counters of engines that leave the scraped set are removed.
 */
final class EngineStatsMeters {

    static final String STALENESS = "gateway.engine.metrics.staleness";
    static final String SCRAPE_ERRORS = "gateway.engine.metrics.scrape.errors";

    private final MeterRegistry registry;
    private final Clock clock;
    private final MultiGauge staleness;

    EngineStatsMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.staleness = MultiGauge.builder(STALENESS)
                .description("Seconds since the engine's last successful /metrics scrape (since tracking began"
                        + " if none succeeded yet)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Replaces the staleness rows with one per tracked endpoint and drops counters of engines no longer tracked. */
    void track(EngineStatsStore.Tracked tracked) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(tracked.endpoints().size());
        for (Endpoint endpoint : tracked.endpoints()) {
            EngineScraper scraper = tracked.byAddress().get(endpoint.address());
            rows.add(MultiGauge.Row.of(Tags.of("endpoint", endpoint.address(), "pod", endpoint.name()), scraper,
                    s -> s.secondsSinceSuccess(clock.millis())));
        }
        staleness.register(rows, true);

        Set<String> current = new HashSet<>();
        tracked.scrapers().forEach(scraper -> current.add(scraper.address()));
        for (Meter meter : registry.find(SCRAPE_ERRORS).meters()) {
            if (!current.contains(meter.getId().getTag("endpoint"))) {
                registry.remove(meter);
            }
        }
    }

    /** Called from scrape completions, on any thread; failures of engines no longer tracked are not counted. */
    void scrapeFailed(EngineScraper scraper, ScrapeError reason) {
        if (scraper.retired()) {
            return;
        }
        Counter.builder(SCRAPE_ERRORS)
                .description("Failed engine /metrics scrapes")
                .tags("endpoint", scraper.address(), "reason", reason.tag())
                .register(registry)
                .increment();
    }
}
