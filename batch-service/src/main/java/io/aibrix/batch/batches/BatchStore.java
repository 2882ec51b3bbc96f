package io.aibrix.batch.batches;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/** The API side of {@code batches}: owner-scoped reads, creation and the cancel request. */
class BatchStore {

    private final JdbcClient jdbc;

    BatchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new batch to insert. */
    record NewBatch(String id, String owner, String endpoint, String inputFileId, String completionWindow,
            Duration window, @Nullable String metadataJson, Instant createdAt, @Nullable String idempotencyKey,
            String fingerprint) {
    }

    /** Inserts the batch; false if the owner already has a batch with its idempotency key. */
    boolean insert(NewBatch batch) {
        return jdbc.sql("""
                insert into batches (id, owner, status, endpoint, input_file_id, completion_window,
                    completion_window_secs, metadata, created_at, expires_at, idempotency_key, request_fingerprint)
                values (:id, :owner, 'validating', :endpoint, :input, :window, :seconds, cast(:metadata as jsonb),
                    :created, :expires, :key, :fingerprint)
                on conflict (owner, idempotency_key) do nothing""")
                .param("id", batch.id())
                .param("owner", batch.owner())
                .param("endpoint", batch.endpoint())
                .param("input", batch.inputFileId())
                .param("window", batch.completionWindow())
                .param("seconds", batch.window().toSeconds())
                .param("metadata", batch.metadataJson())
                .param("created", Timestamp.from(batch.createdAt()))
                .param("expires", Timestamp.from(batch.createdAt().plus(batch.window())))
                .param("key", batch.idempotencyKey())
                .param("fingerprint", batch.fingerprint())
                .update() == 1;
    }

    Optional<BatchRow> find(String owner, String id) {
        return jdbc.sql("select " + BatchRow.COLUMNS + " from batches where id = :id and owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .query(BatchRow.MAPPER)
                .optional();
    }

    Optional<BatchRow> findByIdempotencyKey(String owner, String key) {
        return jdbc.sql("select " + BatchRow.COLUMNS + " from batches where owner = :owner and idempotency_key = :key")
                .param("owner", owner)
                .param("key", key)
                .query(BatchRow.MAPPER)
                .optional();
    }

    Optional<Long> seq(String owner, String id) {
        return jdbc.sql("select seq from batches where id = :id and owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .query(Long.class)
                .optional();
    }

    /** Newest first, those older than {@code beforeSeq}. */
    List<BatchRow> page(String owner, long beforeSeq, int limit) {
        return jdbc.sql("select " + BatchRow.COLUMNS + " from batches where owner = :owner and seq < :before"
                        + " order by seq desc limit :limit")
                .param("owner", owner)
                .param("before", beforeSeq)
                .param("limit", limit)
                .query(BatchRow.MAPPER)
                .list();
    }

    /** Moves a validating or in-progress batch to cancelling; false if it was in another status. */
    boolean requestCancel(String owner, String id, Instant now) {
        return jdbc.sql("update batches set status = 'cancelling', cancelling_at = :now, version = version + 1"
                        + " where id = :id and owner = :owner and status in ('validating', 'in_progress')")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("owner", owner)
                .update() == 1;
    }
}
