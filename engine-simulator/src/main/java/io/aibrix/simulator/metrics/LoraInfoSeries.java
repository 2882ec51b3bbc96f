package io.aibrix.simulator.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code vllm:lora_requests_info}: a gauge whose labels carry the adapter sets and whose value is the unix time of
 * the last update. As in vLLM, each distinct label set is its own series and old ones stay, so consumers take the
 * series with the largest value. Bounded to the most recent label sets.
 */
final class LoraInfoSeries {

    private static final int MAX_SERIES = 64;

    private final Map<String, Double> updatedAt = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > MAX_SERIES;
        }
    };

    synchronized void update(Set<String> running, Set<String> waiting, double nowEpochSeconds) {
        updatedAt.put(join(running) + "\u0000" + join(waiting), nowEpochSeconds);
    }

    synchronized Map<String, Double> series() {
        return new LinkedHashMap<>(updatedAt);
    }

    static String join(Set<String> adapters) {
        return String.join(",", new TreeSet<>(adapters));
    }
}
