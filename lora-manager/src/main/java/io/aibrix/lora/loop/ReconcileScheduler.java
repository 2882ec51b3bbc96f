package io.aibrix.lora.loop;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/** Runs {@link ReconcileLoop#tick()} with a fixed pause between rounds while the application runs. */
final class ReconcileScheduler implements SmartLifecycle {

    private final ReconcileLoop loop;

    private final Duration interval;

    private ScheduledExecutorService executor;

    ReconcileScheduler(ReconcileLoop loop, Duration interval) {
        this.loop = loop;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lora-reconcile")
                .daemon(true).factory());
        executor.scheduleWithFixedDelay(loop::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
