package io.aibrix.lora.loop;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.aibrix.lora.engine.EngineCallException;
import io.aibrix.lora.engine.EngineClient;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.reconcile.Action;
import io.aibrix.lora.reconcile.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs a plan's actions and never throws: a load is checked against the engine's {@code /v1/models} and its
 * failure goes to the {@link AttemptLedger} (from where the next plan puts it into the adapter's status); a failed
 * unload is retried by the next round, which still sees the adapter; a failed status write is logged and rewritten
 * by the next round, which still sees the old status.
 */
final class Applier {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private final EngineClient engines;

    private final MetadataClient metadata;

    private final AttemptLedger attempts;

    private final Clock clock;

    Applier(EngineClient engines, MetadataClient metadata, AttemptLedger attempts, Clock clock) {
        this.engines = engines;
        this.metadata = metadata;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** Loads and unloads, in plan order; returns one outcome line each. */
    List<String> applyEngineActions(List<Action> actions) {
        List<String> outcomes = new ArrayList<>();
        for (Action action : actions) {
            switch (action) {
                case Action.Load load -> outcomes.add(load(load));
                case Action.Unload unload -> outcomes.add(unload(unload));
                case Action.UpdateStatus ignored -> { }
            }
        }
        return outcomes;
    }

    /** Status writes; returns one outcome line each. */
    List<String> applyStatusUpdates(List<Action> actions) {
        List<String> outcomes = new ArrayList<>();
        for (Action action : actions) {
            if (action instanceof Action.UpdateStatus update) {
                outcomes.add(writeStatus(update));
            }
        }
        return outcomes;
    }

    private String load(Action.Load load) {
        String what = "load " + load.adapter() + " on " + load.engine();
        Attempt.Key key = new Attempt.Key(load.adapter(), load.engine());
        String error = null;
        boolean transientFailure = true;
        try {
            engines.load(load.baseUri(), load.adapter(), load.path());
        }
        catch (EngineCallException ex) {
            error = ex.getMessage();
            transientFailure = ex.isTransient();
        }
        catch (RuntimeException ex) {
            error = ex.toString();
        }
        // The engine's own list decides: an "already loaded" refusal after a lost answer is still a success.
        try {
            if (load.path().equals(engines.models(load.baseUri()).adapters().get(load.adapter()))) {
                attempts.succeeded(key);
                log.info("Loaded adapter {} on {} from {}", load.adapter(), load.engine(), load.path());
                return what + ": ok";
            }
            if (error == null) {
                error = "loaded, but /v1/models does not list it";
            }
        }
        catch (RuntimeException ex) {
            if (error == null) {
                error = "loaded, but /v1/models did not answer: " + ex.getMessage();
            }
        }
        return fail(key, load, what, error, transientFailure);
    }

    private String fail(Attempt.Key key, Action.Load load, String what, String error, boolean transientFailure) {
        Attempt attempt = attempts.failed(key, load.generation(), error, transientFailure, clock.instant());
        log.warn("Could not {}: {} (try {}{})", what, error, attempt.failures(),
                attempt.exhausted() ? ", giving up" : ", next not before " + attempt.notBefore());
        return what + ": failed (" + error + ")" + (attempt.exhausted() ? ", giving up" : ", will retry");
    }

    private String unload(Action.Unload unload) {
        String what = "unload " + unload.adapter() + " from " + unload.engine();
        try {
            engines.unload(unload.baseUri(), unload.adapter());
            log.info("Unloaded adapter {} from {}: {}", unload.adapter(), unload.engine(), unload.reason());
            return what + ": ok";
        }
        catch (EngineCallException ex) {
            if (ex.getMessage().startsWith("HTTP 404")) {
                return what + ": ok (already gone)";
            }
            log.warn("Could not {}: {}", what, ex.getMessage());
            return what + ": failed (" + ex.getMessage() + "), will retry";
        }
        catch (RuntimeException ex) {
            log.error("Unexpected failure of {}", what, ex);
            return what + ": failed (" + ex + "), will retry";
        }
    }

    private String writeStatus(Action.UpdateStatus update) {
        String what = "status " + update.adapter() + " " + update.status().phase().label();
        try {
            metadata.writeStatus(update.adapter(), update.previous(), update.status());
            log.info("Adapter {}: {} on {}{}", update.adapter(), update.status().phase().label(),
                    update.status().instances(),
                    update.status().lastError() == null ? "" : " (" + update.status().lastError() + ")");
            return what + ": ok";
        }
        catch (RuntimeException ex) {
            log.warn("Could not record the status of adapter {}: {}", update.adapter(), ex.getMessage());
            return what + ": failed (" + ex.getMessage() + "), will retry";
        }
    }
}
