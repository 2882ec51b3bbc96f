package io.aibrix.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests for the Flyway migrations: the guarantees part of the batch design rests on (one result per line, one batch
 * per idempotency key and owner, an atomic lease) hold in the database itself.
 */
class SchemaIntegrationTests {

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    private static String url;

    @BeforeAll
    static void migrate() {
        url = pg.createDatabase("schema_tests");
        Flyway.configure().dataSource(url, pg.username(), pg.password()).load().migrate();
    }

    @Test
    void acceptsOneResultPerLineOnly() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            insertBatch(sql, "batch_lines", "alice", null);
            String result = "insert into batch_line_results (batch_id, line_no, custom_id, request_id, outcome,"
                    + " lease_epoch, completed_at) values ('batch_lines', 1, 'a', 'batch_req_1', 'succeeded', 1, now())"
                    + " on conflict do nothing";

            assertThat(sql.executeUpdate(result)).isEqualTo(1);
            assertThat(sql.executeUpdate(result)).isZero();
        }
    }

    @Test
    void allowsAnIdempotencyKeyOncePerOwner() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            insertBatch(sql, "batch_idem_1", "alice", "key-1");
            insertBatch(sql, "batch_idem_2", "bob", "key-1");

            assertThatThrownBy(() -> insertBatch(sql, "batch_idem_3", "alice", "key-1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("unique");
        }
    }

    @Test
    void grantsAnExpiredLeaseToExactlyOneNode() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            insertBatch(sql, "batch_lease", "alice", null);
            String take = "update batches set lease_owner = '%s', lease_expires_at = now() + interval '30 seconds',"
                    + " lease_epoch = lease_epoch + 1 where id = 'batch_lease'"
                    + " and (lease_expires_at is null or lease_expires_at < now())";

            assertThat(sql.executeUpdate(take.formatted("node-a"))).isEqualTo(1);
            assertThat(sql.executeUpdate(take.formatted("node-b"))).isZero();
            try (ResultSet row = sql.executeQuery(
                    "select lease_owner, lease_epoch from batches where id = 'batch_lease'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("node-a");
                assertThat(row.getLong(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesStatusesOutsideOpenAisSet() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            insertBatch(sql, "batch_status", "alice", null);

            assertThatThrownBy(() -> sql.executeUpdate("update batches set status = 'scheduling'"
                    + " where id = 'batch_status'")).isInstanceOf(SQLException.class);
        }
    }

    private static void insertBatch(Statement sql, String id, String owner, String idempotencyKey)
            throws SQLException {
        String file = "file-for-" + id;
        sql.executeUpdate("insert into files (id, owner, filename, purpose, bytes, storage_key, created_at)"
                + " values ('" + file + "', '" + owner + "', 'in.jsonl', 'batch', 1, 'files/" + file + "', now())");
        sql.executeUpdate("insert into batches (id, owner, status, endpoint, input_file_id, completion_window,"
                + " completion_window_secs, created_at, expires_at, idempotency_key) values ('" + id + "', '" + owner
                + "', 'validating', '/v1/chat/completions', '" + file + "', '24h', 86400, now(),"
                + " now() + interval '24 hours', " + (idempotencyKey == null ? "null" : "'" + idempotencyKey + "'")
                + ")");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, pg.username(), pg.password());
    }
}
