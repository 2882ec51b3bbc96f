package io.aibrix.batch.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.aibrix.batch.leases.Lease;
import io.aibrix.batch.leases.LeaseManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs up to {@code poolSize} batches at once on this node: every poll it takes the leases of as many free or
 * abandoned batches as it has room for, oldest first, and runs each on its own virtual thread. Stopping interrupts the
 * jobs, which release their leases so another replica takes over at once.
 */
class JobPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobPool.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LeaseManager leases;
    private final Function<Lease, Runnable> jobs;
    private final int poolSize;
    private final Duration pollInterval;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService poller;

    JobPool(LeaseManager leases, Function<Lease, Runnable> jobs, int poolSize, Duration pollInterval) {
        this.leases = leases;
        this.jobs = jobs;
        this.poolSize = poolSize;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("batch-job-poller").daemon()
                .factory());
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = poller;
        poller = null;
        if (current == null) {
            return;
        }
        current.shutdownNow();
        running.values().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread job : running.values()) {
            try {
                job.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Batches running on this node now. */
    int running() {
        return running.size();
    }

    private void poll() {
        try {
            int free = poolSize - running.size();
            if (free <= 0) {
                return;
            }
            for (String id : leases.candidates(free)) {
                if (running.containsKey(id) || running.size() >= poolSize) {
                    continue;
                }
                leases.tryTake(id).ifPresent(this::launch);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for batches to run failed; trying again in {}", pollInterval, e);
        }
    }

    private void launch(Lease lease) {
        Runnable job = jobs.apply(lease);
        Thread thread = Thread.ofVirtual().name("batch-" + lease.batchId()).unstarted(() -> {
            try {
                job.run();
            } finally {
                running.remove(lease.batchId());
            }
        });
        running.put(lease.batchId(), thread);
        thread.start();
    }
}
