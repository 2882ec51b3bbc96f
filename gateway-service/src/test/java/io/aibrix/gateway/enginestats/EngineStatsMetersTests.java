package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.aibrix.gateway.endpoint.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Tests for {@link EngineStatsMeters}. */
class EngineStatsMetersTests {

    private static final Endpoint A = new Endpoint("pod-a", "10.0.0.1", 8000, 8000, null, true);
    private static final Endpoint B = new Endpoint("pod-b", "10.0.0.2", 8000, 8000, null, true);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EngineStatsStore store = new EngineStatsStore(clock, Duration.ofSeconds(10), Duration.ofSeconds(1));
    private final EngineStatsMeters meters = new EngineStatsMeters(registry, clock);

    private void track(Endpoint... endpoints) {
        store.reconcile(List.of(endpoints));
        meters.track(store.tracked());
    }

    private double staleness(Endpoint endpoint) {
        Gauge gauge = registry.find(EngineStatsMeters.STALENESS)
                .tags("endpoint", endpoint.address(), "pod", endpoint.name()).gauge();
        assertThat(gauge).as("staleness row of %s", endpoint.name()).isNotNull();
        return gauge.value();
    }

    private double errors(Endpoint endpoint, String reason) {
        return registry.find(EngineStatsMeters.SCRAPE_ERRORS).tags("endpoint", endpoint.address(), "reason", reason)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void reportsSecondsSinceTheLastSuccessfulScrapePerEndpoint() {
        track(A, B);
        EngineScraper scraper = store.tracked().byAddress().get(A.address());
        scraper.tryStart();
        scraper.succeeded(MetricsPage.EMPTY, clock.millis());

        clock.advance(Duration.ofMillis(2500));

        assertThat(staleness(A)).isEqualTo(2.5);
        assertThat(staleness(B)).as("never scraped: since tracking began").isEqualTo(2.5);
    }

    @Test
    void removesTheRowsOfEnginesThatVanish() {
        track(A, B);

        track(B);

        assertThat(registry.find(EngineStatsMeters.STALENESS).gauges()).hasSize(1);
        assertThat(registry.find(EngineStatsMeters.STALENESS).tag("pod", "pod-a").gauge()).isNull();
        assertThat(staleness(B)).isZero();
    }

    @Test
    void countsScrapeErrorsByEndpointAndReason() {
        track(A);
        EngineScraper scraper = store.tracked().byAddress().get(A.address());

        meters.scrapeFailed(scraper, ScrapeError.TIMEOUT);
        meters.scrapeFailed(scraper, ScrapeError.TIMEOUT);
        meters.scrapeFailed(scraper, ScrapeError.STATUS);

        assertThat(errors(A, "timeout")).isEqualTo(2.0);
        assertThat(errors(A, "status")).isEqualTo(1.0);
        assertThat(errors(A, "connect")).isZero();
    }

    @Test
    void dropsErrorCountersOfEnginesThatVanishAndIgnoresTheirLateFailures() {
        track(A, B);
        EngineScraper scraperOfA = store.tracked().byAddress().get(A.address());
        meters.scrapeFailed(scraperOfA, ScrapeError.CONNECT);
        meters.scrapeFailed(store.tracked().byAddress().get(B.address()), ScrapeError.CONNECT);

        track(B);
        meters.scrapeFailed(scraperOfA, ScrapeError.CONNECT);

        assertThat(registry.find(EngineStatsMeters.SCRAPE_ERRORS).tag("endpoint", A.address()).counters()).isEmpty();
        assertThat(errors(B, "connect")).isEqualTo(1.0);
    }
}
