package io.aibrix.lora.reconcile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Uniformly random engines from the injected source, so a seeded source gives a repeatable placement. */
public final class RandomPolicy implements PlacementPolicy {

    public static final String NAME = "random";

    private final RandomGenerator random;

    public RandomPolicy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EngineState> choose(List<EngineState> pool, int count, Map<String, Integer> counts) {
        List<EngineState> shuffled = new ArrayList<>(pool);
        // Fisher-Yates over the first count slots only: each pick is uniform over what is left.
        int picks = Math.min(Math.max(count, 0), shuffled.size());
        for (int i = 0; i < picks; i++) {
            Collections.swap(shuffled, i, i + random.nextInt(shuffled.size() - i));
        }
        return List.copyOf(shuffled.subList(0, picks));
    }
}
