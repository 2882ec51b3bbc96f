package io.aibrix.benchmark.kvcache;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four engine configurations compared, from no reuse at all to GPU prefix caching with L1 and L2 below it. */
enum TierSetup {

    NO_PREFIX_CACHING("no prefix caching", false, false, false),
    PREFIX_CACHING("prefix caching", true, false, false),
    L1("+ L1", true, true, false),
    L1_L2("+ L1 + L2", true, true, true);

    private final String label;
    private final boolean prefixCaching;
    private final boolean l1;
    private final boolean l2;

    TierSetup(String label, boolean prefixCaching, boolean l1, boolean l2) {
        this.label = label;
        this.prefixCaching = prefixCaching;
        this.l1 = l1;
        this.l2 = l2;
    }

    String label() {
        return label;
    }

    boolean usesL2() {
        return l2;
    }

    /** Properties of engine {@code index}; {@code coordinator} and {@code cluster} matter only with L2. */
    Map<String, Object> engineProperties(KvCachePlan plan, int index, URI coordinator, String cluster) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("simulator.profile", plan.profile());
        p.put("simulator.num-gpu-blocks", plan.gpuBlocks());
        p.put("simulator.max-model-len", plan.maxModelLen());
        p.put("simulator.engine-index", index);
        // One seed for all: it seeds block hashing, and engines share L2 blocks only if their hashes agree.
        p.put("simulator.seed", plan.seed());
        p.put("simulator.enable-prefix-caching", prefixCaching);
        if (l1) {
            p.put("simulator.kv-tiers.l1.capacity-blocks", plan.l1Blocks());
        }
        if (l2) {
            p.put("simulator.kv-tiers.l2.coordinator", coordinator);
            p.put("simulator.kv-tiers.l2.cluster", cluster);
        }
        return p;
    }
}
