package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Routes one request: resolves the strategy specification, shuffles the candidates (so "first of the best" is a fair
 * tie-break), lets the strategy choose, then runs its {@link PostRouteHook} (single strategies and combinations alike)
 * and merges the hook's response headers into the decision. Strategies only choose; hooks run here, once.
 *
 * <p>Each decision is timed in {@code gateway.routing.duration{strategy}}, where a combination is tagged
 * {@code weighted} to keep the tag's cardinality bounded.
 */
public final class Router {

    static final String DURATION_METRIC = "gateway.routing.duration";

    static final String WEIGHTED_TAG = "weighted";

    private final RoutingStrategyRegistry registry;

    private final RandomGenerator random;

    private final MeterRegistry meters;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param random shuffles the candidates; must be thread-safe (tests pass a seeded one)
     */
    public Router(RoutingStrategyRegistry registry, RandomGenerator random, MeterRegistry meters) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.random = Objects.requireNonNull(random, "random");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * @param strategySpec a strategy name or a weighted combination
     * @param candidates   ready engines that may take the request, at least one; not modified
     * @throws RoutingException         when the specification is unknown or invalid (a client error)
     * @throws IllegalArgumentException when there are no candidates
     */
    public Decision route(String strategySpec, RoutingRequest request, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("No candidates to route request " + request.requestId() + " to");
        }
        RoutingStrategy strategy = registry.resolve(strategySpec);
        Timer.Sample sample = Timer.start(meters);
        try {
            List<Candidate> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            List<Candidate> order = Collections.unmodifiableList(shuffled);
            Decision decision = strategy.route(request, order);
            if (!(strategy instanceof PostRouteHook hook)) {
                return decision;
            }
            Map<String, String> headers = new LinkedHashMap<>(decision.responseHeaders());
            PostRouteHooks.run(hook, request, chosen(strategy, order, decision), headers);
            return new Decision(decision.target(), headers);
        }
        finally {
            sample.stop(timer(strategy instanceof WeightedRoutingStrategy ? WEIGHTED_TAG : strategy.name()));
        }
    }

    private static Candidate chosen(RoutingStrategy strategy, List<Candidate> candidates, Decision decision) {
        String address = decision.target().address();
        for (Candidate candidate : candidates) {
            if (candidate.endpoint().address().equals(address)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "Routing strategy '" + strategy.name() + "' chose " + address + ", which is not a candidate");
    }

    private Timer timer(String strategy) {
        return timers.computeIfAbsent(strategy, name -> Timer.builder(DURATION_METRIC)
                .description("Time to choose the engine for one request")
                .tag("strategy", name)
                .publishPercentileHistogram()
                .register(meters));
    }
}
