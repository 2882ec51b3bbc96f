package io.aibrix.batch.lifecycle;

import static io.aibrix.batch.support.BatchFixtures.awaitStatus;
import static io.aibrix.batch.support.BatchFixtures.chatLines;
import static io.aibrix.batch.support.BatchFixtures.create;
import static io.aibrix.batch.support.BatchFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.BatchFixtures;
import io.aibrix.batch.support.RecordingProxy;
import io.aibrix.batch.support.ServiceProcesses;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Tests for {@link JobPool} and {@link io.aibrix.batch.leases.LeaseManager} with two live replicas: two packaged
 * services as child processes share one PostgreSQL database and one file directory, each sends its lines through its
 * own recording proxy to the same engine, so every request received is attributed to the replica that sent it. The
 * batches are spread over both replicas, each runs only under its lease, no line is sent twice, and when one replica
 * is killed the other takes its batches over once their leases expire.
 */
class ReplicasIntegrationTests {

    private static final int BATCHES = 6;
    private static final int LINES = 60;
    private static final int CONCURRENCY = 4;
    private static final String NODE_1 = "node-1";
    private static final String NODE_2 = "node-2";

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines();

    @TempDir
    Path workDir;

    @Test
    void spreadsBatchesOverReplicasAndTakesOverAKilledReplicasBatchesOnceTheirLeasesExpire() throws Exception {
        Map<String, String> database = pg.springProperties("batch_replicas");
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password")));
        try (ServiceProcesses services = new ServiceProcesses(workDir);
                RecordingProxy proxy1 = RecordingProxy.start(fleet.baseUris().getFirst(), 0, Duration.ofMillis(200));
                RecordingProxy proxy2 = RecordingProxy.start(fleet.baseUris().getFirst(), 0, Duration.ofMillis(200))) {
            ServiceProcesses.Node one = services.launch(NODE_1, properties(database, proxy1));
            ServiceProcesses.Node two = services.launch(NODE_2, properties(database, proxy2));
            one.awaitHealthy(Duration.ofSeconds(60));
            two.awaitHealthy(Duration.ofSeconds(60));
            List<ApiClient> clients = List.of(new ApiClient(one.baseUri(), "replicas-owner"),
                    new ApiClient(two.baseUri(), "replicas-owner"));
            Map<String, RecordingProxy> proxyOf = Map.of(NODE_1, proxy1, NODE_2, proxy2);

            try (LeaseSampler leases = new LeaseSampler(db)) {
                List<String> steady = createBatches(clients);
                steady.forEach(id -> assertCompleted(clients.get(0), id));

                assertOneResultPerLine(db, steady);
                Map<String, Map<Integer, Integer>> sends = sendsPerLine(steady, proxy1, proxy2);
                steady.forEach(id -> assertThat(sends.get(id)).as("sends per line of %s", id)
                        .hasSize(LINES).allSatisfy((line, count) -> assertThat(count).isEqualTo(1)));
                Map<String, Holding> holder = new HashMap<>();
                for (String id : steady) {
                    assertThat(leases.of(id)).as("leases of %s", id).hasSize(1);
                    holder.put(id, leases.of(id).iterator().next());
                }
                assertThat(holder.values()).extracting(Holding::node).contains(NODE_1, NODE_2);
                for (String id : steady) {
                    Holding lease = holder.get(id);
                    assertThat(proxyOf.get(lease.node()).sendsPerLine(id)).as("lines of %s sent by its holder", id)
                            .hasSize(LINES);
                    assertThat(resultEpochs(db, id)).as("epochs of the results of %s", id)
                            .containsOnly(lease.epoch());
                }

                List<String> interrupted = createBatches(clients);
                String victim = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> db.sql("select b.id from batches b where b.lease_owner = :node and"
                                + " (select count(*) from batch_line_results r where r.batch_id = b.id) >= 10 limit 1")
                                .param("node", NODE_2).query(String.class).optional(),
                                Optional::isPresent).orElseThrow();
                two.kill();
                Map<String, Holding> orphaned = new HashMap<>();
                Map<String, Long> expiresAt = new HashMap<>();
                db.sql("select id, lease_epoch, lease_expires_at from batches where lease_owner = :node"
                        + " and status not in ('completed', 'failed', 'expired', 'cancelled')")
                        .param("node", NODE_2)
                        .query((row, n) -> {
                            orphaned.put(row.getString(1), new Holding(row.getString(1), NODE_2, row.getLong(2)));
                            expiresAt.put(row.getString(1), row.getTimestamp(3).getTime());
                            return n;
                        }).list();
                assertThat(orphaned).containsKey(victim);
                Map<String, Set<Integer>> storedAtKill = new HashMap<>();
                interrupted.forEach(id -> storedAtKill.put(id, storedLines(db, id).keySet()));

                interrupted.forEach(id -> assertCompleted(clients.get(0), id));

                assertOneResultPerLine(db, interrupted);
                Map<String, Map<Integer, Integer>> sendsAfter = sendsPerLine(interrupted, proxy1, proxy2);
                List<RecordingProxy.Send> all = Stream.concat(proxy1.sends().stream(), proxy2.sends().stream())
                        .toList();
                int resent = 0;
                for (String id : interrupted) {
                    Map<Integer, Long> storedAt = storedLines(db, id);
                    storedAtKill.get(id).forEach(line -> assertThat(sendsAfter.get(id).get(line))
                            .as("sends of line %d of %s, stored before the kill", line, id).isEqualTo(1));
                    assertThat(all).filteredOn(send -> send.batchId().equals(id))
                            .as("sends of %s after the line's result was stored", id)
                            .noneMatch(send -> send.receivedAtMillis() > storedAt.get(send.line()));
                    resent += (int) sendsAfter.get(id).values().stream().filter(count -> count > 1).count();
                }
                assertThat(resent).as("lines in flight at the kill, sent again")
                        .isLessThanOrEqualTo(CONCURRENCY * orphaned.size());
                for (Holding dead : orphaned.values()) {
                    String id = dead.batchId();
                    assertThat(leases.of(id)).as("leases of %s after the kill", id)
                            .anySatisfy(lease -> {
                                assertThat(lease.node()).isEqualTo(NODE_1);
                                assertThat(lease.epoch()).isGreaterThan(dead.epoch());
                            });
                    assertThat(proxy1.sends()).filteredOn(send -> send.batchId().equals(id))
                            .as("sends of %s by the surviving replica", id).isNotEmpty()
                            .allSatisfy(send -> assertThat(send.receivedAtMillis())
                                    .as("sent before the dead replica's lease expired")
                                    .isGreaterThanOrEqualTo(expiresAt.get(id)));
                    Set<Integer> before = storedAtKill.get(id);
                    assertThat(resultEpochsByLine(db, id)).as("epochs of the results of %s", id)
                            .allSatisfy((line, epoch) -> assertThat(epoch)
                                    .isEqualTo(before.contains(line) ? dead.epoch() : dead.epoch() + 1));
                }
            }
        }
    }

    private Map<String, String> properties(Map<String, String> database, RecordingProxy proxy) {
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.put("batch.storage.local.directory", workDir.resolve("files").toString());
        properties.put("batch.execution.targets", proxy.baseUri().toString());
        properties.put("batch.execution.concurrency.initial", Integer.toString(CONCURRENCY));
        properties.put("batch.execution.concurrency.max", Integer.toString(CONCURRENCY));
        // Half the batches fit on one replica, so both must run some.
        properties.put("batch.jobs.pool-size", Integer.toString(BATCHES / 2));
        properties.put("batch.jobs.poll-interval", "100ms");
        properties.put("batch.lease.duration", "2s");
        properties.put("batch.lease.heartbeat-interval", "500ms");
        return properties;
    }

    /** Uploads every file first, then creates the batches in quick succession, alternating between the replicas. */
    private static List<String> createBatches(List<ApiClient> clients) {
        List<String> files = IntStream.range(0, BATCHES)
                .mapToObj(i -> upload(clients.get(i % 2), chatLines(LINES, "llama3-8b"))).toList();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            ids.add(create(clients.get(i % 2), files.get(i), "24h").get("id").asText());
        }
        return ids;
    }

    private static void assertCompleted(ApiClient client, String id) {
        JsonNode batch = awaitStatus(client, id, Duration.ofSeconds(60), "completed", "failed", "expired",
                "cancelled");
        assertThat(batch.get("status").asText()).as(batch.toString()).isEqualTo("completed");
        assertThat(batch.get("request_counts").toString())
                .isEqualTo("{\"total\":" + LINES + ",\"completed\":" + LINES + ",\"failed\":0}");
    }

    private static void assertOneResultPerLine(JdbcClient db, List<String> ids) {
        Set<Integer> everyLine = IntStream.rangeClosed(1, LINES).boxed().collect(Collectors.toSet());
        ids.forEach(id -> assertThat(db.sql("select line_no from batch_line_results where batch_id = :id")
                .param("id", id).query(Integer.class).list()).as("result lines of %s", id)
                .containsExactlyInAnyOrderElementsOf(everyLine));
    }

    private static Map<String, Map<Integer, Integer>> sendsPerLine(List<String> ids, RecordingProxy... proxies) {
        Map<String, Map<Integer, Integer>> sends = new HashMap<>();
        for (String id : ids) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (RecordingProxy proxy : proxies) {
                proxy.sendsPerLine(id).forEach((line, count) -> counts.merge(line, count, Integer::sum));
            }
            sends.put(id, counts);
        }
        return sends;
    }

    /** Line number to the time its result was stored (epoch milliseconds). */
    private static Map<Integer, Long> storedLines(JdbcClient db, String id) {
        return db.sql("select line_no, completed_at from batch_line_results where batch_id = :id").param("id", id)
                .query((row, n) -> Map.entry(row.getInt(1), row.getTimestamp(2).getTime())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<Long> resultEpochs(JdbcClient db, String id) {
        return List.copyOf(resultEpochsByLine(db, id).values());
    }

    private static Map<Integer, Long> resultEpochsByLine(JdbcClient db, String id) {
        return db.sql("select line_no, lease_epoch from batch_line_results where batch_id = :id").param("id", id)
                .query((row, n) -> Map.entry(row.getInt(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A lease seen on a batch. */
    record Holding(String batchId, String node, long epoch) {
    }

    /** Records every lease held on any batch, sampling {@code batches} every 20 ms. */
    static final class LeaseSampler implements AutoCloseable {

        private final Set<Holding> seen = ConcurrentHashMap.newKeySet();
        private final Thread sampler;
        private volatile boolean stopped;

        LeaseSampler(JdbcClient db) {
            sampler = Thread.ofVirtual().name("lease-sampler").start(() -> {
                while (!stopped) {
                    seen.addAll(db.sql("select id, lease_owner, lease_epoch from batches where lease_owner is not null")
                            .query((row, n) -> new Holding(row.getString(1), row.getString(2), row.getLong(3)))
                            .list());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        Set<Holding> of(String batchId) {
            return seen.stream().filter(holding -> holding.batchId().equals(batchId)).collect(Collectors.toSet());
        }

        @Override
        public void close() {
            stopped = true;
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
