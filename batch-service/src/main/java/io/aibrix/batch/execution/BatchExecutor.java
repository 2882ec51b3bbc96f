package io.aibrix.batch.execution;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.execution.InputLines.InputLine;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.leases.Lease;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.results.LineResult;
import io.aibrix.batch.results.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lines of one in-progress batch: streams the input file, skips every line that already has a result (so a
 * resumed batch never re-sends a stored line), sends the others on virtual threads, as many at once as the batch's
 * AIMD limit allows, and stores each result under the lease before it counts.
 */
public class BatchExecutor {

    private static final Logger log = LoggerFactory.getLogger(BatchExecutor.class);

    private final UpstreamClient client;
    private final ExecutionProperties properties;
    private final ResultStore results;
    private final FileService files;
    private final int maxLineBytes;
    private final Clock clock;
    private final RandomGenerator random;

    BatchExecutor(UpstreamClient client, ExecutionProperties properties, ResultStore results, FileService files,
            int maxLineBytes, Clock clock, RandomGenerator random) {
        this.client = client;
        this.properties = properties;
        this.results = results;
        this.files = files;
        this.maxLineBytes = maxLineBytes;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Sends every line without a result and returns once all have finished (true), or as soon as {@code stop}
     * turns true (false): then requests in flight are aborted and their lines stay without a result.
     */
    public boolean run(Lease lease, BatchRow batch, BooleanSupplier stop) throws IOException, InterruptedException {
        BitSet stored = results.storedLines(batch.id());
        AimdController aimd = new AimdController(properties.concurrency().settings(), clock);
        ConcurrencyGate gate = new ConcurrencyGate(aimd::limit);
        ExecutionProperties.Retry retry = properties.retry();
        LineExecutor executor = new LineExecutor(client, new RetryPolicy(retry.maxRetries(), retry.baseDelay(),
                retry.maxDelay(), clock, random), aimd, clock);
        Set<Thread> running = ConcurrentHashMap.newKeySet();
        try (InputStream in = files.open(new Owner(batch.owner()), batch.inputFileId())) {
            InputLines lines = new InputLines(in, maxLineBytes);
            for (InputLine line = lines.next(); line != null; line = lines.next()) {
                if (stored.get(line.lineNo())) {
                    continue;
                }
                if (stop.getAsBoolean() || !gate.acquire(stop)) {
                    return abort(running, gate);
                }
                Thread thread = Thread.ofVirtual().name(batch.id() + "-line-" + line.lineNo())
                        .unstarted(send(lease, batch, line, executor, gate, running));
                running.add(thread);
                thread.start();
            }
            return gate.awaitIdle(stop) || abort(running, gate);
        } catch (InterruptedException | IOException | RuntimeException e) {
            abort(running, gate);
            throw e;
        }
    }

    private Runnable send(Lease lease, BatchRow batch, InputLine line, LineExecutor executor, ConcurrencyGate gate,
            Set<Thread> running) {
        Map<String, String> headers = Map.of("x-aibrix-batch-id", batch.id(),
                "x-aibrix-batch-line", Integer.toString(line.lineNo()));
        return () -> {
            try {
                LineResult result = executor.execute(batch.endpoint(), line, headers, batch.expiresAt());
                if (!Thread.currentThread().isInterrupted()) {
                    results.save(lease, result);
                }
            } catch (InterruptedException e) {
                // Aborted: the line stays without a result and is sent again when the batch resumes.
            } catch (RuntimeException e) {
                log.warn("Line {} of batch {} could not be stored; it is retried when the batch resumes",
                        line.lineNo(), batch.id(), e);
            } finally {
                running.remove(Thread.currentThread());
                gate.release();
            }
        };
    }

    private static boolean abort(Set<Thread> running, ConcurrencyGate gate) throws InterruptedException {
        running.forEach(Thread::interrupt);
        gate.awaitIdle(() -> false);
        return false;
    }
}
