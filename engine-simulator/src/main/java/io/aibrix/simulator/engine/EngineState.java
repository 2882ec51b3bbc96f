package io.aibrix.simulator.engine;

import java.util.Set;

/** A consistent snapshot of the engine's load, published after every step for scrapes. */
public record EngineState(int running, int waiting, double kvCacheUsage, Set<String> runningAdapters,
        Set<String> waitingAdapters) {

    public static final EngineState IDLE = new EngineState(0, 0, 0, Set.of(), Set.of());
}
