package io.aibrix.lora.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Spreads adapters: the engines with the fewest adapters first, ties by name (AIBrix's default). */
public final class LeastAdaptersPolicy implements PlacementPolicy {

    public static final String NAME = "least-adapters";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EngineState> choose(List<EngineState> pool, int count, Map<String, Integer> counts) {
        return pool.stream()
                .sorted(Comparator.comparingInt((EngineState e) -> counts.getOrDefault(e.name(), 0))
                        .thenComparing(EngineState::name))
                .limit(Math.max(count, 0))
                .toList();
    }
}
