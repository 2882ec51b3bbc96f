package io.aibrix.lora.engine;

import java.util.ArrayList;
import java.util.List;

import io.aibrix.lora.reconcile.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every listed engine what it serves; one that does not answer is observed as unreachable. */
public final class EngineObserver {

    private static final Logger log = LoggerFactory.getLogger(EngineObserver.class);

    private final EngineClient engines;

    public EngineObserver(EngineClient engines) {
        this.engines = engines;
    }

    public List<EngineState> observe(List<EngineTarget> targets) {
        List<EngineState> states = new ArrayList<>(targets.size());
        for (EngineTarget target : targets) {
            try {
                EngineModels models = engines.models(target.baseUri());
                states.add(new EngineState(target.name(), target.baseUri(), target.labels(), target.ready(), true,
                        models.baseModel(), models.adapters()));
            }
            catch (EngineCallException ex) {
                log.debug("Engine {} at {} unreachable: {}", target.name(), target.baseUri(), ex.getMessage());
                states.add(EngineState.unreachable(target.name(), target.baseUri(), target.labels(),
                        target.ready()));
            }
        }
        return List.copyOf(states);
    }
}
