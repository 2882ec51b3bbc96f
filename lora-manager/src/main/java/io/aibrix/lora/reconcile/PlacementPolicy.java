package io.aibrix.lora.reconcile;

import java.util.List;
import java.util.Map;

/** How an adapter's new replicas are spread over the candidate engines that do not have it yet. */
public interface PlacementPolicy {

    /** The {@code schedulingPolicy} value that selects this policy. */
    String name();

    /**
     * @param pool   engines to choose from, in name order
     * @param count  how many to choose; at most {@code pool.size()} are returned
     * @param counts adapters loaded or being loaded per engine name, this plan's loads included
     * @return the chosen engines, best first
     */
    List<EngineState> choose(List<EngineState> pool, int count, Map<String, Integer> counts);
}
