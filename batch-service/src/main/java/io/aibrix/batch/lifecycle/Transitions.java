package io.aibrix.batch.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.leases.Lease;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/**
 * The status changes a running batch makes, each one conditional UPDATE that checks the status it leaves (a cancel may
 * have come in) and the lease (a node that lost it changes nothing). Finishing also frees the lease.
 */
class Transitions {

    private static final String FENCE = " and lease_owner = :node and lease_epoch = :epoch";

    private final JdbcClient jdbc;

    Transitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BatchRow> load(String id) {
        return jdbc.sql(BatchRow.SELECT_BY_ID).param("id", id).query(BatchRow.MAPPER).optional();
    }

    boolean toInProgress(Lease lease, int total, @Nullable String model, Instant now) {
        return fenced(lease, "update batches set status = 'in_progress', in_progress_at = :now, request_total = :total,"
                + " model = :model, version = version + 1 where id = :id and status = 'validating'" + FENCE)
                .param("now", Timestamp.from(now))
                .param("total", total)
                .param("model", model)
                .update() == 1;
    }

    boolean toFailed(Lease lease, String errorsJson, Instant now) {
        return fenced(lease, "update batches set status = 'failed', failed_at = :now, errors = cast(:errors as jsonb),"
                + " lease_owner = null, lease_expires_at = null, version = version + 1"
                + " where id = :id and status = 'validating'" + FENCE)
                .param("now", Timestamp.from(now))
                .param("errors", errorsJson)
                .update() == 1;
    }

    boolean toFinalizing(Lease lease, Instant now) {
        return fenced(lease, "update batches set status = 'finalizing', finalizing_at = :now, version = version + 1"
                + " where id = :id and status = 'in_progress'" + FENCE)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Finishes the batch with its files, from any of {@code from}; sets the timestamp column of the final status.
     */
    boolean finish(Lease lease, String from, String to, @Nullable String outputFileId, @Nullable String errorFileId,
            Instant now) {
        return fenced(lease, "update batches set status = '" + to + "', " + to + "_at = :now,"
                + " output_file_id = :output, error_file_id = :error, lease_owner = null, lease_expires_at = null,"
                + " version = version + 1 where id = :id and status in " + from + FENCE)
                .param("now", Timestamp.from(now))
                .param("output", outputFileId)
                .param("error", errorFileId)
                .update() == 1;
    }

    private JdbcClient.StatementSpec fenced(Lease lease, String sql) {
        return jdbc.sql(sql).param("id", lease.batchId()).param("node", lease.node()).param("epoch", lease.epoch());
    }
}
