package io.aibrix.batch.batches;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.lang.Nullable;

/** A row of {@code batches} without the lease columns; {@code errors} and {@code metadata} as JSON text. */
public record BatchRow(String id, String owner, BatchStatus status, String endpoint, String inputFileId,
        String completionWindow, @Nullable String metadata, @Nullable String model, int total, int completed,
        int failed, @Nullable String errors, @Nullable String outputFileId, @Nullable String errorFileId,
        long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens, long totalTokens,
        Instant createdAt, @Nullable Instant inProgressAt, Instant expiresAt, @Nullable Instant finalizingAt,
        @Nullable Instant completedAt, @Nullable Instant failedAt, @Nullable Instant expiredAt,
        @Nullable Instant cancellingAt, @Nullable Instant cancelledAt, @Nullable String idempotencyKey,
        @Nullable String requestFingerprint) {

    static final String COLUMNS = "id, owner, status, endpoint, input_file_id, completion_window, metadata::text,"
            + " model, request_total, request_completed, request_failed, errors::text, output_file_id, error_file_id,"
            + " input_tokens, cached_tokens, output_tokens, reasoning_tokens, total_tokens, created_at,"
            + " in_progress_at, expires_at, finalizing_at, completed_at, failed_at, expired_at, cancelling_at,"
            + " cancelled_at, idempotency_key, request_fingerprint";

    /** Maps a row selected with {@link #COLUMNS}. */
    public static final RowMapper<BatchRow> MAPPER = BatchRow::map;

    /** Selects one batch by id, whoever owns it. */
    public static final String SELECT_BY_ID = "select " + COLUMNS + " from batches where id = :id";

    private static BatchRow map(ResultSet row, int number) throws SQLException {
        return new BatchRow(row.getString(1), row.getString(2), BatchStatus.of(row.getString(3)), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getInt(9),
                row.getInt(10), row.getInt(11), row.getString(12), row.getString(13), row.getString(14),
                row.getLong(15), row.getLong(16), row.getLong(17), row.getLong(18), row.getLong(19),
                instant(row, 20), instant(row, 21), instant(row, 22), instant(row, 23), instant(row, 24),
                instant(row, 25), instant(row, 26), instant(row, 27), instant(row, 28), row.getString(29),
                row.getString(30));
    }

    private static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
