package io.aibrix.simulator.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engine's GPU LoRA slots ({@code --max-loras}): adapters stay resident until a new one needs the slot, and then
 * the least recently used adapter that no running request uses is swapped out. Confined to the engine thread.
 */
final class LoraSlots {

    private final int capacity;
    private final Map<String, Boolean> resident = new LinkedHashMap<>(16, 0.75f, true);

    LoraSlots(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Makes {@code adapter} resident; returns true when that needed a load (the caller charges the load latency).
     * {@code inUse} adapters are never evicted; the caller guarantees {@code inUse.size() < capacity} when the
     * adapter is not already in use.
     */
    boolean ensureResident(String adapter, Set<String> inUse) {
        if (resident.get(adapter) != null) {
            return false;
        }
        if (resident.size() >= capacity) {
            String victim = resident.keySet().stream().filter(a -> !inUse.contains(a)).findFirst().orElse(null);
            if (victim != null) {
                resident.remove(victim);
            }
        }
        resident.put(adapter, Boolean.TRUE);
        return true;
    }

    void unload(String adapter) {
        resident.remove(adapter);
    }
}
