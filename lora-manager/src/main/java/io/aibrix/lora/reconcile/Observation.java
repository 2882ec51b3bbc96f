package io.aibrix.lora.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the reconciler knows besides the desired adapters.
 *
 * @param now      when the observation was made; retries wait against it
 * @param engines  every engine the source lists, reachable or not
 * @param attempts failed loads by adapter and engine
 * @param owned    adapter names this manager is responsible for; a loaded adapter outside this set and outside the
 *                 desired set is someone else's (e.g. one the engine was started with) and is never unloaded
 * @param maxTries load tries per adapter and engine; for the messages only (the ledger decides exhaustion)
 */
public record Observation(Instant now, List<EngineState> engines, Map<Attempt.Key, Attempt> attempts,
        Set<String> owned, int maxTries) {

    public Observation {
        engines = List.copyOf(engines);
        attempts = Map.copyOf(attempts);
        owned = Set.copyOf(owned);
    }
}
