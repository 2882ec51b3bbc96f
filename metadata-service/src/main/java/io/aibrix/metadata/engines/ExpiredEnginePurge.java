package io.aibrix.metadata.engines;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Deletes expired engine rows every {@code metadata.engines.purge-interval}. Only housekeeping: reads already ignore
 * expired entries, so a late or failed purge changes no answer.
 */
final class ExpiredEnginePurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredEnginePurge.class);

    private final EngineService engines;

    private final EnginesProperties properties;

    @Nullable
    private ScheduledExecutorService executor;

    ExpiredEnginePurge(EngineService engines, EnginesProperties properties) {
        this.engines = engines;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("engine-purge").factory());
        long period = properties.purgeInterval().toMillis();
        executor.scheduleWithFixedDelay(this::purge, period, period, TimeUnit.MILLISECONDS);
    }

    void purge() {
        try {
            int purged = engines.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} expired engine(s) from the registry", purged);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Purging expired engines failed; retrying in {}", properties.purgeInterval(), ex);
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
