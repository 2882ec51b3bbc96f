package io.aibrix.lora.loop;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import io.aibrix.lora.discovery.EngineSource;
import io.aibrix.lora.engine.EngineObserver;
import io.aibrix.lora.engine.EngineTarget;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.reconcile.Action;
import io.aibrix.lora.reconcile.DesiredAdapter;
import io.aibrix.lora.reconcile.EngineState;
import io.aibrix.lora.reconcile.Observation;
import io.aibrix.lora.reconcile.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile round: read the desired adapters and the engines, plan, load and unload, then observe the engines
 * again and plan once more so the status written is what the engines now report (loads verified, failures with
 * their errors). Rounds never overlap and never throw.
 */
public final class ReconcileLoop {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    private final MetadataClient metadata;

    private final EngineSource source;

    private final EngineObserver observer;

    private final Reconciler reconciler;

    private final Applier applier;

    private final AttemptLedger attempts;

    private final OwnedAdapters owned;

    private final Clock clock;

    private final ReentrantLock running = new ReentrantLock();

    ReconcileLoop(MetadataClient metadata, EngineSource source, EngineObserver observer, Reconciler reconciler,
            Applier applier, AttemptLedger attempts, OwnedAdapters owned, Clock clock) {
        this.metadata = metadata;
        this.source = source;
        this.observer = observer;
        this.reconciler = reconciler;
        this.applier = applier;
        this.attempts = attempts;
        this.owned = owned;
        this.clock = clock;
    }

    /** Runs a round, waiting for one in progress to finish first. */
    public TickReport tick() {
        running.lock();
        try {
            return round();
        }
        catch (RuntimeException ex) {
            log.error("Reconcile round failed", ex);
            return new TickReport(clock.instant(), 0, 0, List.of(), ex.toString());
        }
        finally {
            running.unlock();
        }
    }

    private TickReport round() {
        Instant started = clock.instant();
        List<DesiredAdapter> desired;
        List<EngineTarget> targets;
        try {
            desired = metadata.adapters();
        }
        catch (RuntimeException ex) {
            log.warn("Skipping a round: metadata-service adapters unreadable: {}", ex.getMessage());
            return new TickReport(started, 0, 0, List.of(), "metadata-service: " + ex.getMessage());
        }
        try {
            targets = source.engines();
        }
        catch (RuntimeException ex) {
            log.warn("Skipping a round: engine source {} unreadable: {}", source.name(), ex.getMessage());
            return new TickReport(started, desired.size(), 0, List.of(), source.name() + ": " + ex.getMessage());
        }
        Set<String> names = desired.stream().map(DesiredAdapter::name).collect(Collectors.toSet());
        owned.addAll(names);
        attempts.retainAdapters(names);

        List<EngineState> engines = observer.observe(targets);
        List<Action> plan = reconciler.plan(observation(engines), desired);
        List<String> outcomes = new ArrayList<>(applier.applyEngineActions(plan));
        if (!outcomes.isEmpty()) {
            plan = reconciler.plan(observation(observer.observe(targets)), desired);
        }
        outcomes.addAll(applier.applyStatusUpdates(plan));
        return new TickReport(started, desired.size(), targets.size(), List.copyOf(outcomes), null);
    }

    private Observation observation(List<EngineState> engines) {
        return new Observation(clock.instant(), engines, attempts.snapshot(), owned.snapshot(), attempts.maxTries());
    }
}
