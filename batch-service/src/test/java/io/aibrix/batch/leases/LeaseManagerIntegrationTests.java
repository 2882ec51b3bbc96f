package io.aibrix.batch.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Tests for {@link LeaseManager}, two nodes against the real schema on an embedded PostgreSQL. */
class LeaseManagerIntegrationTests {

    private static final Duration LEASE = Duration.ofMillis(600);
    private static final Duration HEARTBEAT = Duration.ofMillis(100);

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    private static JdbcClient db;

    @BeforeAll
    static void migrate() {
        String url = pg.createDatabase("lease_manager_tests");
        Flyway.configure().dataSource(url, pg.username(), pg.password()).load().migrate();
        db = JdbcClient.create(new DriverManagerDataSource(url, pg.username(), pg.password()));
    }

    private final LeaseManager nodeA = new LeaseManager(db, "node-a", LEASE, HEARTBEAT);
    private final LeaseManager nodeB = new LeaseManager(db, "node-b", LEASE, HEARTBEAT);

    @Test
    void grantsAFreeLeaseToOneNodeAndAnExpiredOneToTheNextWithAHigherEpoch() {
        insertBatch("batch_expiry", "in_progress");

        Lease first = nodeA.tryTake("batch_expiry").orElseThrow();
        assertThat(nodeB.tryTake("batch_expiry")).isEmpty();
        assertThat(nodeB.candidates(10)).doesNotContain("batch_expiry");
        long takenAt = System.nanoTime();
        Lease second = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> nodeB.tryTake("batch_expiry"), Optional::isPresent).orElseThrow();

        assertThat(Duration.ofNanos(System.nanoTime() - takenAt)).isGreaterThanOrEqualTo(LEASE.minusMillis(100));
        assertThat(first).isEqualTo(new Lease("batch_expiry", "node-a", 1));
        assertThat(second).isEqualTo(new Lease("batch_expiry", "node-b", 2));
        assertThat(nodeA.renew(first)).as("renewal of the lost lease").isFalse();
    }

    @Test
    void keepsARenewedLeaseWellPastItsFirstExpiry() throws InterruptedException {
        insertBatch("batch_renewed", "in_progress");
        Lease lease = nodeA.tryTake("batch_renewed").orElseThrow();

        for (int i = 0; i < 8; i++) {
            Thread.sleep(LEASE.dividedBy(3));
            assertThat(nodeA.renew(lease)).isTrue();
            assertThat(nodeB.tryTake("batch_renewed")).isEmpty();
        }
        assertThat(owner("batch_renewed")).isEqualTo("node-a");
    }

    @Test
    void handsAReleasedLeaseToTheNextNodeAtOnce() {
        insertBatch("batch_released", "validating");
        Lease lease = nodeA.tryTake("batch_released").orElseThrow();

        nodeA.release(lease);

        assertThat(nodeB.candidates(10)).contains("batch_released");
        assertThat(nodeB.tryTake("batch_released")).contains(new Lease("batch_released", "node-b", 2));
        assertThat(nodeA.renew(lease)).isFalse();
    }

    @Test
    void fencesOffANodesOwnEarlierLeaseOnceItTakesTheBatchAgain() {
        insertBatch("batch_retaken", "in_progress");
        Lease earlier = nodeA.tryTake("batch_retaken").orElseThrow();
        nodeA.release(earlier);

        Lease later = nodeA.tryTake("batch_retaken").orElseThrow();

        assertThat(later.epoch()).isEqualTo(earlier.epoch() + 1);
        assertThat(nodeA.renew(earlier)).isFalse();
        assertThat(nodeA.renew(later)).isTrue();
    }

    @Test
    void neverLeasesAFinishedBatch() {
        insertBatch("batch_finished", "completed");

        assertThat(nodeA.candidates(10)).doesNotContain("batch_finished");
        assertThat(nodeA.tryTake("batch_finished")).isEmpty();
    }

    private static String owner(String batchId) {
        return db.sql("select lease_owner from batches where id = :id").param("id", batchId).query(String.class)
                .single();
    }

    private static void insertBatch(String id, String status) {
        String file = "file-for-" + id;
        db.sql("insert into files (id, owner, filename, purpose, bytes, storage_key, created_at)"
                + " values (:file, 'alice', 'in.jsonl', 'batch', 1, :key, now())")
                .param("file", file).param("key", "files/" + file).update();
        db.sql("insert into batches (id, owner, status, endpoint, input_file_id, completion_window,"
                + " completion_window_secs, created_at, expires_at) values (:id, 'alice', :status,"
                + " '/v1/chat/completions', :file, '24h', 86400, now(), now() + interval '24 hours')")
                .param("id", id).param("status", status).param("file", file).update();
    }
}
