package io.aibrix.batch.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

import io.aibrix.batch.leases.Lease;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code batch_line_results}: one row per finished line. A result is written together with the batch's counters and
 * usage in one statement, fenced by the lease: the batch row is locked and its epoch checked, so a node that lost its
 * lease writes nothing, and the primary key turns a second result for a line into a no-op.
 */
public class ResultStore {

    private static final int PAGE = 500;

    private static final String SAVE = """
            with fence as (
                select id from batches where id = :batch and lease_owner = :node and lease_epoch = :epoch
                for update),
            saved as (
                insert into batch_line_results (batch_id, line_no, custom_id, request_id, outcome, status_code,
                    upstream_request_id, response_body, error_code, error_message, input_tokens, cached_tokens,
                    output_tokens, reasoning_tokens, attempts, lease_epoch, completed_at)
                select id, :line, :custom, :request, :outcome, cast(:status as integer), cast(:upstream as varchar),
                    cast(:body as text), cast(:code as varchar), cast(:message as text), :input,
                    :cached, :output, :reasoning, :attempts, :epoch, :at from fence
                on conflict do nothing
                returning outcome)
            update batches set
                request_completed = request_completed + (select count(*) from saved where outcome = 'succeeded'),
                request_failed = request_failed + (select count(*) from saved where outcome = 'failed'),
                input_tokens = input_tokens + :input, cached_tokens = cached_tokens + :cached,
                output_tokens = output_tokens + :output, reasoning_tokens = reasoning_tokens + :reasoning,
                total_tokens = total_tokens + :input + :output
            where id = :batch and exists (select 1 from saved)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ResultStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The line numbers that have a result. */
    public BitSet storedLines(String batchId) {
        BitSet lines = new BitSet();
        jdbc.sql("select line_no from batch_line_results where batch_id = :batch")
                .param("batch", batchId)
                .query((ResultSet row) -> {
                    lines.set(row.getInt(1));
                });
        return lines;
    }

    /**
     * Commits the result and counts it; false if nothing was written: the line already had a result or the lease
     * was lost.
     */
    public boolean save(Lease lease, LineResult result) {
        LineResult.Tokens tokens = result.tokens();
        return jdbc.sql(SAVE)
                .param("batch", lease.batchId())
                .param("node", lease.node())
                .param("epoch", lease.epoch())
                .param("line", result.lineNo())
                .param("custom", result.customId())
                .param("request", result.requestId())
                .param("outcome", result.succeeded() ? "succeeded" : "failed")
                .param("status", result.statusCode())
                .param("upstream", result.upstreamRequestId())
                .param("body", result.responseBody())
                .param("code", result.errorCode())
                .param("message", result.errorMessage())
                .param("input", tokens.input())
                .param("cached", tokens.cached())
                .param("output", tokens.output())
                .param("reasoning", tokens.reasoning())
                .param("attempts", result.attempts())
                .param("at", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** Every result of the batch with this outcome, in line order, read a page at a time. */
    public void forEachInOrder(String batchId, boolean succeeded, Consumer<LineResult> action) {
        int after = 0;
        while (true) {
            List<LineResult> page = jdbc.sql("""
                    select line_no, custom_id, request_id, outcome, status_code, upstream_request_id, response_body,
                        error_code, error_message, input_tokens, cached_tokens, output_tokens, reasoning_tokens, attempts
                    from batch_line_results where batch_id = :batch and outcome = :outcome and line_no > :after
                    order by line_no limit :limit""")
                    .param("batch", batchId)
                    .param("outcome", succeeded ? "succeeded" : "failed")
                    .param("after", after)
                    .param("limit", PAGE)
                    .query(ResultStore::map)
                    .list();
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().lineNo();
        }
    }

    private static LineResult map(ResultSet row, int number) throws SQLException {
        return new LineResult(row.getInt(1), row.getString(2), row.getString(3), "succeeded".equals(row.getString(4)),
                (Integer) row.getObject(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                new LineResult.Tokens(row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13)),
                row.getInt(14));
    }
}
