package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Tests for {@link EngineStatsStore}. */
class EngineStatsStoreTests {

    private static final Endpoint A = Endpoint.of("10.0.0.1", 8000);
    private static final Endpoint B = Endpoint.of("10.0.0.2", 8000);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EngineStatsStore store = new EngineStatsStore(clock, Duration.ofSeconds(10), Duration.ofSeconds(1));

    private static MetricsPage running(double value) {
        double[] values = MetricsPage.absent();
        values[Series.RUNNING.ordinal()] = value;
        return MetricsPage.of(values);
    }

    private EngineScraper scraperOf(Endpoint endpoint) {
        return store.tracked().byAddress().get(endpoint.address());
    }

    private void scrape(Endpoint endpoint, double runningRequests) {
        EngineScraper scraper = scraperOf(endpoint);
        assertThat(scraper.tryStart()).isTrue();
        scraper.succeeded(running(runningRequests), clock.millis());
    }

    @Test
    void knowsNothingAboutAnEngineItDoesNotTrack() {
        assertThat(store.metrics(A)).isSameAs(EngineMetrics.unknown());
    }

    @Test
    void knowsNothingAboutAnEngineBeforeItsFirstSuccessfulScrape() {
        store.reconcile(List.of(A));

        assertThat(store.metrics(A).isKnown()).isFalse();
    }

    @Test
    void servesTheLatestScrapeUntilItIsOlderThanMaxStaleness() {
        store.reconcile(List.of(A));
        scrape(A, 4);

        clock.advance(Duration.ofMillis(1000));
        EngineMetrics fresh = store.metrics(A);
        clock.advance(Duration.ofMillis(1));
        EngineMetrics stale = store.metrics(A);

        assertThat(fresh.runningRequests()).isEqualTo(4.0);
        assertThat(fresh.scrapedAt()).isEqualTo(clock.instant().minusMillis(1001));
        assertThat(stale).isSameAs(EngineMetrics.unknown());
    }

    @Test
    void keepsTheLastValueAfterAFailedScrapeUntilItGoesStale() {
        store.reconcile(List.of(A));
        scrape(A, 4);
        clock.advance(Duration.ofMillis(500));

        EngineScraper scraper = scraperOf(A);
        assertThat(scraper.tryStart()).isTrue();
        scraper.failed();

        assertThat(store.metrics(A).runningRequests()).isEqualTo(4.0);
        clock.advance(Duration.ofMillis(600));
        assertThat(store.metrics(A).isKnown()).isFalse();
    }

    @Test
    void allowsOneScrapeInFlightPerEngine() {
        store.reconcile(List.of(A));
        EngineScraper scraper = scraperOf(A);

        assertThat(scraper.tryStart()).isTrue();
        assertThat(scraper.tryStart()).isFalse();
        scraper.succeeded(running(1), clock.millis());
        assertThat(scraper.tryStart()).isTrue();
    }

    @Test
    void tracksReadyEndpointsOnly() {
        store.reconcile(List.of(A, B.withReady(false)));

        assertThat(store.tracked().endpoints()).containsExactly(A);
        assertThat(store.tracked().scrapers()).extracting(EngineScraper::metricsUri)
                .containsExactly(A.metricsUri());
        assertThat(store.metrics(B)).isSameAs(EngineMetrics.unknown());
    }

    @Test
    void scrapesAnEngineServingSeveralModelsOnce() {
        EndpointSnapshot snapshot = new EndpointSnapshot(Map.of("base", List.of(A, B), "base-lora", List.of(A)));

        store.reconcile(List.of(A, B, A));
        EngineStatsStore.Tracked fromList = store.tracked();
        store.reconcile(snapshot.distinctEndpoints());

        assertThat(fromList.scrapers()).hasSize(2);

        assertThat(store.tracked().scrapers()).extracting(EngineScraper::metricsUri)
                .containsExactlyInAnyOrder(A.metricsUri(), B.metricsUri());
    }

    @Test
    void servesEveryAddressThatSharesAMetricsUriFromOneScrape() {
        Endpoint sidecar = new Endpoint("sidecar", "10.0.0.1", 8001, 8000, null, true);
        store.reconcile(List.of(A, sidecar));

        scrape(A, 2);

        assertThat(store.tracked().scrapers()).extracting(EngineScraper::metricsUri)
                .containsExactly(URI.create("http://10.0.0.1:8000/metrics"));
        assertThat(store.metrics(sidecar).runningRequests()).isEqualTo(2.0);
    }

    @Test
    void keepsAnEngineStateAcrossUnrelatedTargetChanges() {
        store.reconcile(List.of(A));
        scrape(A, 3);

        boolean changed = store.reconcile(List.of(A, B));

        assertThat(changed).isTrue();
        assertThat(store.metrics(A).runningRequests()).isEqualTo(3.0);
    }

    @Test
    void dropsTheStateOfEnginesThatDisappear() {
        store.reconcile(List.of(A, B));
        scrape(A, 3);
        EngineScraper scraperOfA = scraperOf(A);

        store.reconcile(List.of(B));

        assertThat(store.metrics(A)).isSameAs(EngineMetrics.unknown());
        assertThat(scraperOfA.retired()).isTrue();
        store.reconcile(List.of(A, B));
        assertThat(store.metrics(A).isKnown()).isFalse();
    }

    @Test
    void dropsTheStateOfEnginesThatStopBeingReady() {
        store.reconcile(List.of(A));
        scrape(A, 3);

        store.reconcile(List.of(A.withReady(false)));

        assertThat(store.metrics(A)).isSameAs(EngineMetrics.unknown());
        assertThat(store.tracked().scrapers()).isEmpty();
    }

    @Test
    void reportsNoChangeForTheSameTargets() {
        assertThat(store.reconcile(List.of(A, B))).isTrue();

        assertThat(store.reconcile(List.of(A, B))).isFalse();
        assertThat(store.reconcile(List.of(A, B, B.withReady(false)))).isFalse();
    }
}
