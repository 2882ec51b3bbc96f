package io.aibrix.kvcache.membership;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/** Expires leases every {@code kvcache.sweep-interval} on one daemon thread. */
final class LeaseSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final ClusterRegistry registry;

    private final Duration interval;

    private ScheduledExecutorService executor;

    LeaseSweeper(ClusterRegistry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lease-sweeper")
                .factory());
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            registry.expire();
        }
        catch (RuntimeException e) {
            log.error("Lease sweep failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
