package io.aibrix.batch.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.batches.BatchStatus;
import io.aibrix.batch.execution.BatchExecutor;
import io.aibrix.batch.leases.Lease;
import io.aibrix.batch.leases.LeaseManager;
import io.aibrix.batch.results.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one batch under a lease through its statuses until it finishes, the lease is lost or the node stops. A
 * watcher renews the lease on the heartbeat and notices a cancel; the deadline is checked against the clock. Every
 * step starts from the stored status, so a batch taken over from a dead node resumes wherever that node was.
 */
class BatchJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(BatchJob.class);
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What the job and its helpers share; one per node. */
    record Steps(Transitions transitions, ValidationStep validation, BatchExecutor executor, Finalizer finalizer,
            ResultStore results, LeaseManager leases, Duration watchInterval, Clock clock) {
    }

    private final Steps steps;
    private final Lease lease;
    private volatile boolean leaseLost;
    private volatile boolean cancelRequested;
    private volatile Instant deadline;
    /** Stops the watcher without an interrupt, which would close the JDBC socket of a query in flight. */
    private final CountDownLatch finished = new CountDownLatch(1);

    BatchJob(Steps steps, Lease lease) {
        this.steps = steps;
        this.lease = lease;
    }

    @Override
    public void run() {
        Thread watcher = Thread.ofVirtual().name(lease.batchId() + "-watcher").start(this::watch);
        try {
            drive();
        } catch (InterruptedException e) {
            log.info("Batch {} paused: this node is stopping", lease.batchId());
        } catch (Exception e) {
            log.warn("Batch {} stopped on an error; it resumes when its lease is taken again", lease.batchId(), e);
        } finally {
            finished.countDown();
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!leaseLost) {
                try {
                    steps.leases().release(lease);
                } catch (RuntimeException e) {
                    log.warn("Could not release the lease of batch {}; it expires instead", lease.batchId(), e);
                }
            }
        }
    }

    private void drive() throws Exception {
        while (!leaseLost) {
            BatchRow batch = steps.transitions().load(lease.batchId()).orElse(null);
            if (batch == null || batch.status().finished()) {
                return;
            }
            deadline = batch.expiresAt();
            boolean late = !steps.clock().instant().isBefore(deadline);
            switch (batch.status()) {
                case VALIDATING -> {
                    if (late) {
                        steps.finalizer().expire(lease, batch);
                    } else {
                        steps.validation().validate(lease, batch);
                    }
                }
                case IN_PROGRESS -> {
                    if (late) {
                        steps.finalizer().expire(lease, batch);
                    } else if (steps.executor().run(lease, batch, this::shouldStop) && !leaseLost
                            && allLinesStored(batch)) {
                        steps.transitions().toFinalizing(lease, steps.clock().instant());
                    } else if (!shouldStop()) {
                        // Some line could not be stored (e.g. the database was briefly away): leave it to a retake.
                        return;
                    }
                }
                case FINALIZING -> steps.finalizer().complete(lease, batch);
                case CANCELLING -> steps.finalizer().cancel(lease, batch);
                default -> {
                    return;
                }
            }
        }
    }

    /** Stops sending at a lost lease, a cancel, the deadline or the node's shutdown. */
    private boolean shouldStop() {
        return leaseLost || cancelRequested || Thread.currentThread().isInterrupted()
                || (deadline != null && !steps.clock().instant().isBefore(deadline));
    }

    private boolean allLinesStored(BatchRow batch) {
        return steps.results().storedLines(batch.id()).cardinality() >= batch.total();
    }

    /**
     * Renews the lease every heartbeat and looks for a cancel every watch interval, waking for whichever is due first,
     * timed on the monotonic clock: neither a watch interval longer than the lease nor slow queries in between can let
     * the lease of a live node expire.
     */
    private void watch() {
        long heartbeat = steps.leases().heartbeatInterval().toNanos();
        long nextRenewal = System.nanoTime() + heartbeat;
        long nextCancelCheck = System.nanoTime() + steps.watchInterval().toNanos();
        try {
            while (!leaseLost && !finished.await(Math.max(MIN_WAIT_NANOS,
                    Math.min(nextRenewal - System.nanoTime(), nextCancelCheck - System.nanoTime())),
                    TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() - nextRenewal >= 0) {
                    nextRenewal = System.nanoTime() + heartbeat;
                    if (!steps.leases().renew(lease)) {
                        log.warn("Batch {} lost its lease (epoch {}); stopping", lease.batchId(), lease.epoch());
                        leaseLost = true;
                    }
                }
                if (!leaseLost && System.nanoTime() - nextCancelCheck >= 0) {
                    nextCancelCheck = System.nanoTime() + steps.watchInterval().toNanos();
                    steps.transitions().load(lease.batchId()).ifPresent(row -> {
                        if (row.status() == BatchStatus.CANCELLING) {
                            cancelRequested = true;
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The watcher of batch {} failed; its lease will expire", lease.batchId(), e);
            leaseLost = true;
        }
    }
}
