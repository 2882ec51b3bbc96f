package io.aibrix.batch.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.aibrix.batch.leases.Lease;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Tests for {@link ResultStore}'s fencing on the real schema on an embedded PostgreSQL: only the current holder of a
 * batch's lease can store a result, once per line. Leases are taken with the same UPDATE the lease manager runs.
 */
class ResultStoreIntegrationTests {

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    private static JdbcClient db;
    private static ResultStore results;

    @BeforeAll
    static void migrate() {
        String url = pg.createDatabase("result_store_tests");
        Flyway.configure().dataSource(url, pg.username(), pg.password()).load().migrate();
        db = JdbcClient.create(new DriverManagerDataSource(url, pg.username(), pg.password()));
        results = new ResultStore(db, Clock.systemUTC());
    }

    @Test
    void storesAndCountsALineOnceUnderTheCurrentLease() {
        insertBatch("batch_current");
        Lease lease = take("batch_current", "node-a");

        assertThat(results.save(lease, succeeded(1))).isTrue();
        assertThat(results.save(lease, succeeded(1))).as("a second result for the line").isFalse();

        assertThat(results.storedLines("batch_current").stream().boxed().toList()).containsExactly(1);
        assertThat(completed("batch_current")).isEqualTo(1);
    }

    @Test
    void refusesAResultFromAnEpochThatAnotherNodeTookOver() {
        insertBatch("batch_taken_over");
        Lease stale = take("batch_taken_over", "node-a");
        Lease current = take("batch_taken_over", "node-b");

        assertThat(results.save(stale, succeeded(1))).isFalse();
        assertThat(results.save(current, succeeded(2))).isTrue();

        assertThat(results.storedLines("batch_taken_over").stream().boxed().toList()).containsExactly(2);
        assertThat(completed("batch_taken_over")).isEqualTo(1);
    }

    @Test
    void refusesAResultFromTheSameNodesEarlierEpoch() {
        insertBatch("batch_same_node");
        Lease stale = take("batch_same_node", "node-a");
        take("batch_same_node", "node-a");

        assertThat(results.save(stale, succeeded(1))).isFalse();
        assertThat(results.storedLines("batch_same_node").isEmpty()).isTrue();
        assertThat(completed("batch_same_node")).isZero();
    }

    @Test
    void refusesAResultAfterTheLeaseWasReleased() {
        insertBatch("batch_released");
        Lease lease = take("batch_released", "node-a");
        db.sql("update batches set lease_owner = null, lease_expires_at = null where id = 'batch_released'").update();

        assertThat(results.save(lease, succeeded(1))).isFalse();
        assertThat(results.storedLines("batch_released").isEmpty()).isTrue();
    }

    private static LineResult succeeded(int line) {
        return LineResult.response(line, "req-" + line, 200, "up-" + line, "{\"usage\":{}}",
                new LineResult.Tokens(3, 0, 2, 0), 1);
    }

    /** Takes the lease regardless of its expiry, as a node does once the previous holder's lease has run out. */
    private static Lease take(String batchId, String node) {
        long epoch = db.sql("update batches set lease_owner = :node, lease_epoch = lease_epoch + 1,"
                + " lease_expires_at = now() + interval '30 seconds' where id = :id returning lease_epoch")
                .param("node", node).param("id", batchId).query(Long.class).single();
        return new Lease(batchId, node, epoch);
    }

    private static int completed(String batchId) {
        return db.sql("select request_completed from batches where id = :id").param("id", batchId)
                .query(Integer.class).single();
    }

    private static void insertBatch(String id) {
        String file = "file-for-" + id;
        db.sql("insert into files (id, owner, filename, purpose, bytes, storage_key, created_at)"
                + " values (:file, 'alice', 'in.jsonl', 'batch', 1, :key, now())")
                .param("file", file).param("key", "files/" + file).update();
        db.sql("insert into batches (id, owner, status, endpoint, input_file_id, completion_window,"
                + " completion_window_secs, created_at, expires_at) values (:id, 'alice', 'in_progress',"
                + " '/v1/chat/completions', :file, '24h', 86400, now(), now() + interval '24 hours')")
                .param("id", id).param("file", file).update();
    }
}
