package io.aibrix.lora.loop;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter names this manager is responsible for: every name metadata-service has listed since the manager
 * started. Only these are unloaded once they disappear from metadata-service; adapters an engine was started with
 * (vLLM's {@code --lora-modules}) or loaded by hand are never touched. The set only grows; it holds names, so it
 * stays small. An adapter deleted while the manager was down is not known to it and stays loaded until its engine
 * restarts.
 */
final class OwnedAdapters {

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    void addAll(Collection<String> desired) {
        names.addAll(desired);
    }

    Set<String> snapshot() {
        return Set.copyOf(names);
    }
}
