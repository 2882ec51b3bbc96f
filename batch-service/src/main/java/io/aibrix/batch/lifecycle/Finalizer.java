package io.aibrix.batch.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.BitSet;

import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.execution.InputLines;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.leases.Lease;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.results.LineResult;
import io.aibrix.batch.results.ResultStore;
import io.aibrix.batch.validation.BatchInputValidator;

/**
 * Ends a batch: completed (from finalizing), cancelled (from cancelling, partial results kept) or expired (every
 * unfinished line gets a {@code batch_expired} result first, so it lands in the error file and counts as failed).
 * Each ending assembles the files from the stored results; a crash before the final UPDATE makes the next holder of
 * the lease assemble them again.
 */
class Finalizer {

    static final String EXPIRED_MESSAGE = "This request could not be executed before the completion window expired.";

    private final OutputFiles outputs;
    private final Transitions transitions;
    private final ResultStore results;
    private final FileService files;
    private final int maxLineBytes;
    private final Clock clock;

    Finalizer(OutputFiles outputs, Transitions transitions, ResultStore results, FileService files,
            BatchInputValidator validator, Clock clock) {
        this.outputs = outputs;
        this.transitions = transitions;
        this.results = results;
        this.files = files;
        this.maxLineBytes = validator.maxLineBytes();
        this.clock = clock;
    }

    void complete(Lease lease, BatchRow batch) throws IOException {
        finish(lease, batch, "('finalizing')", "completed");
    }

    void cancel(Lease lease, BatchRow batch) throws IOException {
        finish(lease, batch, "('cancelling')", "cancelled");
    }

    void expire(Lease lease, BatchRow batch) throws IOException {
        if (batch.inProgressAt() != null) {
            BitSet stored = results.storedLines(batch.id());
            try (InputStream in = files.open(new Owner(batch.owner()), batch.inputFileId())) {
                InputLines lines = new InputLines(in, maxLineBytes);
                for (InputLines.InputLine line = lines.next(); line != null; line = lines.next()) {
                    if (!stored.get(line.lineNo())) {
                        results.save(lease, LineResult.error(line.lineNo(), line.customId(), "batch_expired",
                                EXPIRED_MESSAGE, 0));
                    }
                }
            }
        }
        finish(lease, transitions.load(batch.id()).orElseThrow(), "('validating', 'in_progress', 'cancelling')",
                "expired");
    }

    private void finish(Lease lease, BatchRow batch, String from, String to) throws IOException {
        OutputFiles.Assembled files = outputs.assemble(batch);
        transitions.finish(lease, from, to, files.outputFileId(), files.errorFileId(), clock.instant());
    }
}
