package io.aibrix.gateway.enginestats;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;

/**
 * The engine-metrics store: which engines are scraped ({@link #reconcile}) and what routing reads ({@link #metrics}).
 *
 * <p>The scraped set is an immutable {@link Tracked} value behind a volatile field: readers look an address up
 * without locks in O(1); {@link #reconcile} (called from the scrape loop only) replaces it when the targets change.
 */
final class EngineStatsStore implements EngineStats {

    /**
     * One consistent view of the scraped engines.
     *
     * @param endpoints the ready endpoints, one per address, in target order
     * @param byAddress the scraper serving each endpoint's address
     * @param scrapers  one scraper per distinct {@code /metrics} URI
     */
    record Tracked(List<Endpoint> endpoints, Map<String, EngineScraper> byAddress, Collection<EngineScraper> scrapers) {

        static final Tracked NONE = new Tracked(List.of(), Map.of(), List.of());
    }

    private final Clock clock;
    private final Duration window;
    private final long maxStaleMillis;
    private volatile Tracked tracked = Tracked.NONE;
    /** The targets {@link #tracked} was built from; lets an unchanged target list skip the rebuild. */
    private List<Endpoint> lastTargets = List.of();

    EngineStatsStore(Clock clock, Duration window, Duration maxStaleness) {
        this.clock = clock;
        this.window = window;
        this.maxStaleMillis = maxStaleness.toMillis();
    }

    @Override
    public EngineMetrics metrics(Endpoint endpoint) {
        EngineScraper scraper = tracked.byAddress().get(endpoint.address());
        return scraper == null ? EngineMetrics.unknown() : scraper.metrics(clock.millis(), maxStaleMillis);
    }

    Tracked tracked() {
        return tracked;
    }

    /**
     * Makes the scraped set match {@code targets}: ready endpoints only, one scraper per distinct {@code /metrics}
     * URI, existing scrapers (and their windows) kept, vanished ones dropped. Not thread-safe: one caller at a time.
     *
     * @return whether the set of endpoints or scrapers changed
     */
    boolean reconcile(Collection<Endpoint> targets) {
        if (sameInOrder(targets, lastTargets)) {
            return false;
        }
        lastTargets = List.copyOf(targets);
        Tracked previous = tracked;
        Map<URI, EngineScraper> previousByUri = new HashMap<>();
        previous.scrapers().forEach(scraper -> previousByUri.put(scraper.metricsUri(), scraper));

        Map<URI, EngineScraper> byUri = new LinkedHashMap<>();
        Map<String, EngineScraper> byAddress = new HashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        long now = clock.millis();
        for (Endpoint endpoint : targets) {
            if (!endpoint.ready() || byAddress.containsKey(endpoint.address())) {
                continue;
            }
            URI uri = endpoint.metricsUri();
            EngineScraper scraper = byUri.get(uri);
            if (scraper == null) {
                scraper = previousByUri.get(uri);
                if (scraper == null) {
                    scraper = new EngineScraper(uri, endpoint.address(), window, now);
                }
                byUri.put(uri, scraper);
            }
            byAddress.put(endpoint.address(), scraper);
            endpoints.add(endpoint);
        }
        if (endpoints.equals(previous.endpoints()) && byAddress.equals(previous.byAddress())) {
            return false;
        }
        tracked = new Tracked(List.copyOf(endpoints), Map.copyOf(byAddress), List.copyOf(byUri.values()));
        previousByUri.forEach((uri, scraper) -> {
            if (!byUri.containsKey(uri)) {
                scraper.retire();
            }
        });
        return true;
    }

    private static boolean sameInOrder(Collection<Endpoint> targets, List<Endpoint> last) {
        if (targets.size() != last.size()) {
            return false;
        }
        Iterator<Endpoint> previous = last.iterator();
        for (Endpoint endpoint : targets) {
            if (!endpoint.equals(previous.next())) {
                return false;
            }
        }
        return true;
    }
}
