package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import io.aibrix.gateway.endpoint.Endpoint;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** Request header that asks for the routing debug response headers; the request path must pass it on. */
    public static final String DEBUG_REQUEST_HEADER = "x-aibrix-routing-debug";

    private static final Logger log = LoggerFactory.getLogger(Router.class);

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
            boolean debug = RoutingDebug.requested(request);
            if (!debug && !(strategy instanceof PostRouteHook)) {
                return decision;
            }
            Candidate chosen = chosen(strategy, order, decision);
            Map<String, String> headers = new LinkedHashMap<>(decision.responseHeaders());
            if (debug) {
                // Before the hooks, which may change what the strategies score by (indexes, counters).
                RoutingDebug.describe(strategy, request, order, chosen.endpoint(), headers);
            }
            if (strategy instanceof PostRouteHook hook) {
                PostRouteHooks.run(hook, request, chosen, headers);
            }
            return new Decision(decision.target(), headers);
        }
        finally {
            sample.stop(timer(strategy instanceof WeightedRoutingStrategy ? WEIGHTED_TAG : strategy.name()));
        }
    }

    /**
     * Tells the strategy that routed {@code request} how it ended; call once per routed request, whatever the outcome.
     * Never throws: a failing strategy is logged, and a specification that no longer resolves is ignored.
     *
     * @param strategySpec     the specification the request was routed with
     * @param request          the request as it was routed
     * @param target           the engine of the last attempt
     * @param promptTokens     prompt tokens the engine reported, or -1 when unknown
     * @param completionTokens completion tokens the engine reported, or -1 when unknown
     * @param succeeded        whether the client got a complete non-error response
     */
    public void finished(String strategySpec, RoutingRequest request, Endpoint target, long promptTokens,
            long completionTokens, boolean succeeded) {
        RoutingStrategy strategy;
        try {
            strategy = registry.resolve(strategySpec);
        }
        catch (RoutingException ex) {
            return;
        }
        if (strategy instanceof RoutingFeedback feedback) {
            try {
                feedback.onFinished(request, target, promptTokens, completionTokens, succeeded);
            }
            catch (RuntimeException ex) {
                log.warn("Routing feedback of {} failed for request {}", strategy.name(), request.requestId(), ex);
            }
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
