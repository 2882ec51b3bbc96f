package io.aibrix.batch.execution;

import static io.aibrix.batch.support.BatchFixtures.awaitStatus;
import static io.aibrix.batch.support.BatchFixtures.chatLines;
import static io.aibrix.batch.support.BatchFixtures.create;
import static io.aibrix.batch.support.BatchFixtures.lines;
import static io.aibrix.batch.support.BatchFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * Tests for {@link BatchExecutor}'s retries: between the service and a real engine sits a real HTTP server that
 * answers the first requests with 503; every line still succeeds and the refused attempts are retried, each with the
 * configured API key.
 */
class RetryIntegrationTests {

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines();

    @TempDir
    Path files;

    @Test
    void retriesOverloadedAnswersUntilEveryLineSucceeds() {
        try (RecordingProxy proxy = RecordingProxy.start(fleet.baseUris().getFirst(), 6, Duration.ZERO);
                RunningBatchService service = RunningBatchService.start(properties(proxy))) {
            ApiClient client = new ApiClient(service.baseUri(), "retry-owner");
            String id = create(client, upload(client, chatLines(10, "llama3-8b")), "24h").get("id").asText();

            JsonNode batch = awaitStatus(client, id, Duration.ofSeconds(30), "completed");

            assertThat(batch.get("request_counts").toString())
                    .isEqualTo("{\"total\":10,\"completed\":10,\"failed\":0}");
            assertThat(lines(client, batch.get("output_file_id").asText()))
                    .allSatisfy(line -> assertThat(line.get("response").get("status_code").asInt()).isEqualTo(200));
            assertThat(proxy.refused()).isEqualTo(6);
            assertThat(proxy.sends()).hasSize(16).allSatisfy(send -> assertThat(send.authorization())
                    .as("batch.execution.api-key on every attempt").isEqualTo("Bearer sk-batch-lines"));
            long attempts = service.bean(JdbcClient.class)
                    .sql("select sum(attempts) from batch_line_results where batch_id = :id").param("id", id)
                    .query(Long.class).single();
            assertThat(attempts).isEqualTo(16);
        }
    }

    private Map<String, String> properties(RecordingProxy proxy) {
        Map<String, String> properties = new LinkedHashMap<>(pg.springProperties("batch_retries"));
        properties.put("batch.storage.local.directory", files.toString());
        properties.put("batch.execution.targets", proxy.baseUri().toString());
        properties.put("batch.execution.api-key", "sk-batch-lines");
        properties.put("batch.execution.retry.base-delay", "20ms");
        properties.put("batch.execution.retry.max-delay", "100ms");
        properties.put("batch.jobs.poll-interval", "100ms");
        return properties;
    }
}
