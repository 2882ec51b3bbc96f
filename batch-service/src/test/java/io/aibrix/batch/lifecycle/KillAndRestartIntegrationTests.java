package io.aibrix.batch.lifecycle;

import static io.aibrix.batch.support.BatchFixtures.awaitStatus;
import static io.aibrix.batch.support.BatchFixtures.chatLines;
import static io.aibrix.batch.support.BatchFixtures.create;
import static io.aibrix.batch.support.BatchFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.BatchFixtures;
import io.aibrix.batch.support.RecordingProxy;
import io.aibrix.batch.support.ServiceProcesses;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Tests for {@link JobPool} and {@link BatchJob} surviving a crash: the packaged service runs as a child process, is
 * killed with SIGKILL in the middle of a batch, and a new process finishes it. A recording proxy between service and
 * engine proves that no line whose result was stored was sent again and that every line has exactly one result.
 */
class KillAndRestartIntegrationTests {

    private static final int LINES = 80;
    private static final int CONCURRENCY = 4;

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines();

    @TempDir
    Path workDir;

    private ServiceProcesses services;

    @BeforeEach
    void processes() {
        services = new ServiceProcesses(workDir);
    }

    @AfterEach
    void killChildren() {
        services.close();
    }

    @Test
    void resumesAKilledBatchWithoutResendingStoredLinesAndWithOneResultPerLine() throws Exception {
        Map<String, String> database = pg.springProperties("batch_kill_restart");
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password")));
        try (RecordingProxy proxy = RecordingProxy.start(fleet.baseUris().getFirst(), 0, Duration.ofMillis(100))) {
            ServiceProcesses.Node first = startService(database, proxy, "node-1");
            ApiClient client = new ApiClient(first.baseUri(), "crash-owner");
            String id = create(client, upload(client, chatLines(LINES, "llama3-8b")), "24h").get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/v1/batches/" + id).json()
                    .get("request_counts").get("completed").asInt() >= LINES / 4);

            first.kill();
            Set<Integer> storedBeforeKill = Set.copyOf(db.sql("select line_no from batch_line_results"
                    + " where batch_id = :id").param("id", id).query(Integer.class).list());
            assertThat(storedBeforeKill).hasSizeBetween(LINES / 4, LINES - 1);

            ServiceProcesses.Node second = startService(database, proxy, "node-2");
            JsonNode batch = awaitStatus(client.at(second.baseUri()), id, Duration.ofSeconds(60), "completed");

            assertThat(batch.get("request_counts").toString())
                    .isEqualTo("{\"total\":" + LINES + ",\"completed\":" + LINES + ",\"failed\":0}");
            Map<Integer, Long> storedAt = db.sql("select line_no, completed_at from batch_line_results"
                    + " where batch_id = :id").param("id", id)
                    .query((row, n) -> Map.entry(row.getInt(1), row.getTimestamp(2).getTime())).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(storedAt.keySet()).hasSize(LINES).allMatch(line -> line >= 1 && line <= LINES);
            Map<Integer, Integer> sends = proxy.sendsPerLine(id);
            assertThat(sends.keySet()).hasSize(LINES);
            storedBeforeKill.forEach(line -> assertThat(sends.get(line)).as("sends of stored line %d", line)
                    .isEqualTo(1));
            assertThat(proxy.sends()).filteredOn(send -> send.batchId().equals(id))
                    .as("sends after the line's result was stored")
                    .noneMatch(send -> send.receivedAtMillis() > storedAt.get(send.line()));
            assertThat(sends.values().stream().filter(count -> count > 1).count())
                    .as("lines in flight at the kill, sent again").isLessThanOrEqualTo(CONCURRENCY);
        }
    }

    private ServiceProcesses.Node startService(Map<String, String> database, RecordingProxy proxy, String node)
            throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.put("batch.storage.local.directory", workDir.resolve("files").toString());
        properties.put("batch.execution.targets", proxy.baseUri().toString());
        properties.put("batch.execution.concurrency.initial", Integer.toString(CONCURRENCY));
        properties.put("batch.execution.concurrency.max", Integer.toString(CONCURRENCY));
        properties.put("batch.jobs.poll-interval", "100ms");
        properties.put("batch.lease.duration", "2s");
        properties.put("batch.lease.heartbeat-interval", "500ms");
        return services.launch(node, properties).awaitHealthy(Duration.ofSeconds(60));
    }
}
