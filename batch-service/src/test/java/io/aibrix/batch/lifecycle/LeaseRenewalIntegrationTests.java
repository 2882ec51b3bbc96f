package io.aibrix.batch.lifecycle;

import static io.aibrix.batch.support.BatchFixtures.awaitStatus;
import static io.aibrix.batch.support.BatchFixtures.chatLines;
import static io.aibrix.batch.support.BatchFixtures.create;
import static io.aibrix.batch.support.BatchFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.BatchFixtures;
import io.aibrix.batch.support.RecordingProxy;
import io.aibrix.batch.support.RunningBatchService;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tests for {@link BatchJob}'s lease heartbeat: a running batch keeps its lease however its other timings are set, so
 * a second replica that keeps trying to take it (here the test, with the replicas' own atomic UPDATE) never can.
 */
class LeaseRenewalIntegrationTests {

    private static final int LINES = 30;

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines();

    @TempDir
    Path files;

    @Test
    void keepsItsLeaseWhenItChecksForCancelsLessOftenThanTheLeaseLasts() throws InterruptedException {
        try (RecordingProxy proxy = RecordingProxy.start(fleet.baseUris().getFirst(), 0, Duration.ofMillis(200));
                RunningBatchService service = RunningBatchService.start(properties(proxy))) {
            ApiClient client = new ApiClient(service.baseUri(), "renewal-owner");
            String id = create(client, upload(client, chatLines(LINES, "llama3-8b")), "24h").get("id").asText();
            JdbcClient db = service.bean(JdbcClient.class);
            AtomicInteger stolen = new AtomicInteger();
            Thread rival = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    stolen.addAndGet(db.sql("update batches set lease_owner = 'rival', lease_epoch = lease_epoch + 1,"
                            + " lease_expires_at = now() where id = :id and lease_owner is not null"
                            + " and lease_expires_at < now()").param("id", id).update());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });

            JsonNode batch;
            try {
                batch = awaitStatus(client, id, Duration.ofSeconds(40), "completed");
            } finally {
                rival.interrupt();
                rival.join();
            }

            assertThat(stolen.get()).as("times the running batch's lease had expired").isZero();
            assertThat(batch.get("request_counts").get("completed").asInt()).isEqualTo(LINES);
            assertThat(proxy.sendsPerLine(id)).hasSize(LINES).allSatisfy((line, count) -> assertThat(count)
                    .isEqualTo(1));
        }
    }

    private Map<String, String> properties(RecordingProxy proxy) {
        Map<String, String> properties = new LinkedHashMap<>(pg.springProperties("batch_lease_renewal"));
        properties.put("batch.storage.local.directory", files.toString());
        properties.put("batch.execution.targets", proxy.baseUri().toString());
        properties.put("batch.execution.concurrency.initial", "2");
        properties.put("batch.execution.concurrency.max", "2");
        // The job pool polls (and a running batch looks for a cancel) every 2 s; the lease lasts 1 s.
        properties.put("batch.jobs.poll-interval", "2s");
        properties.put("batch.lease.duration", "1s");
        properties.put("batch.lease.heartbeat-interval", "300ms");
        return properties;
    }
}
