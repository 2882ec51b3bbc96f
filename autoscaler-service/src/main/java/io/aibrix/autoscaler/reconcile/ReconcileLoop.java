package io.aibrix.autoscaler.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.store.StoredAutoscaler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a round over every PodAutoscaler each interval on one thread: ownership is decided from all of them, each
 * is reconciled, and a status that changed is written back. One PodAutoscaler's failure does not stop the others.
 */
public final class ReconcileLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    private final AutoscalerSource source;
    private final Reconciler reconciler;
    private final Duration interval;
    private final AutoscalerMeters meters;
    private ScheduledExecutorService executor;

    /** A loop whose rounds are not exported (tests, the benchmark). */
    public ReconcileLoop(AutoscalerSource source, Reconciler reconciler, Duration interval) {
        this(source, reconciler, interval, new AutoscalerMeters(new SimpleMeterRegistry()));
    }

    public ReconcileLoop(AutoscalerSource source, Reconciler reconciler, Duration interval, AutoscalerMeters meters) {
        this.source = source;
        this.reconciler = reconciler;
        this.interval = interval;
        this.meters = meters;
    }

    /** One round; public so tests and the benchmark can drive rounds themselves. */
    public synchronized void runOnce() throws InterruptedException {
        long start = System.nanoTime();
        List<StoredAutoscaler> all = source.list();
        Ownership ownership = new Ownership(all.stream()
                .map(stored -> new Ownership.Entry(stored.autoscaler(), stored.created())).toList());
        Set<String> keys = all.stream().map(stored -> stored.autoscaler().key()).collect(Collectors.toSet());
        reconciler.retainOnly(keys);
        meters.retainOnly(keys);
        for (StoredAutoscaler stored : all) {
            try {
                PodAutoscalerStatus status = reconciler.reconcile(stored.autoscaler(),
                        ownership.conflictingOwner(stored.autoscaler()));
                meters.observed(stored.autoscaler(), stored.autoscaler().status(), status);
                if (!Objects.equals(status, stored.autoscaler().status())) {
                    source.writeStatus(stored.autoscaler(), status);
                }
            }
            catch (RuntimeException ex) {
                log.warn("reconciling {} failed", stored.autoscaler().key(), ex);
            }
        }
        meters.round(System.nanoTime() - start, all.size());
    }

    private void tick() {
        try {
            runOnce();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            log.warn("a reconcile round failed", ex);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("reconcile").factory());
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
