package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered strategies by {@link RoutingStrategy#name() name}, and the resolver of a strategy specification:
 * either one name or a weighted combination of {@link PodScorer} strategies such as
 * {@code "least-request:2,least-kv-cache"} (see {@link WeightedRoutingStrategy} for the scoring).
 *
 * <p>An unknown name or a malformed combination is an error, never a silent fallback to another strategy.
 */
public final class RoutingStrategyRegistry {

    /** Resolved combinations kept; beyond this they are built per request (cheap) rather than cached. */
    static final int MAX_CACHED_COMBINATIONS = 256;

    private final Map<String, RoutingStrategy> byName;

    private final List<String> names;

    private final Map<String, RoutingStrategy> combinations = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when two strategies share a name */
    public RoutingStrategyRegistry(List<? extends RoutingStrategy> strategies) {
        Map<String, RoutingStrategy> sorted = new TreeMap<>();
        for (RoutingStrategy strategy : strategies) {
            RoutingStrategy previous = sorted.putIfAbsent(strategy.name(), strategy);
            if (previous != null) {
                throw new IllegalStateException("Duplicate routing strategy '" + strategy.name() + "': "
                        + previous.getClass().getName() + " and " + strategy.getClass().getName());
            }
        }
        this.byName = Map.copyOf(sorted);
        this.names = List.copyOf(sorted.keySet());
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return names;
    }

    /**
     * The strategy a specification selects: a registered name, or a weighted combination whose
     * {@link RoutingStrategy#name() name} is the normalised specification ({@code least-request:2,least-kv-cache:1}).
     *
     * @throws UnknownRoutingStrategyException when the name, or a member's name, is not registered
     * @throws InvalidRoutingStrategyException when a combination is malformed or has a member that cannot score
     */
    public RoutingStrategy resolve(String spec) {
        String trimmed = spec.strip();
        if (!WeightedSpec.isCombination(trimmed)) {
            return lookup(trimmed);
        }
        RoutingStrategy cached = combinations.get(trimmed);
        if (cached != null) {
            return cached;
        }
        RoutingStrategy built = combine(trimmed);
        if (combinations.size() < MAX_CACHED_COMBINATIONS) {
            RoutingStrategy raced = combinations.putIfAbsent(trimmed, built);
            return raced != null ? raced : built;
        }
        return built;
    }

    int cachedCombinations() {
        return combinations.size();
    }

    private RoutingStrategy lookup(String name) {
        RoutingStrategy strategy = byName.get(name);
        if (strategy == null) {
            throw new UnknownRoutingStrategyException(name, names);
        }
        return strategy;
    }

    private WeightedRoutingStrategy combine(String spec) {
        WeightedSpec parsed = WeightedSpec.parse(spec);
        List<WeightedRoutingStrategy.Member> members = new ArrayList<>();
        for (WeightedSpec.Member member : parsed.members()) {
            RoutingStrategy strategy = lookup(member.name());
            if (member.weight() == 0) {
                continue;
            }
            if (!(strategy instanceof PodScorer scorer)) {
                throw new InvalidRoutingStrategyException(spec,
                        "member '" + member.name() + "' cannot be weighted: it does not score candidates");
            }
            members.add(new WeightedRoutingStrategy.Member(strategy, scorer, member.weight()));
        }
        return new WeightedRoutingStrategy(parsed.normalised(), members);
    }
}
