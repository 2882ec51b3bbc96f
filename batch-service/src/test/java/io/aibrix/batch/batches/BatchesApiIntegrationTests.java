package io.aibrix.batch.batches;

import static io.aibrix.batch.support.BatchFixtures.awaitStatus;
import static io.aibrix.batch.support.BatchFixtures.chatLine;
import static io.aibrix.batch.support.BatchFixtures.chatLines;
import static io.aibrix.batch.support.BatchFixtures.create;
import static io.aibrix.batch.support.BatchFixtures.createBody;
import static io.aibrix.batch.support.BatchFixtures.lines;
import static io.aibrix.batch.support.BatchFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.BatchFixtures;
import io.aibrix.batch.support.ApiClient.Answer;
import io.aibrix.batch.support.RunningBatchService;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import io.aibrix.testsupport.S3MockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.SmartLifecycle;

/**
 * Tests for {@link BatchesController} and the lifecycle behind it, on a real PostgreSQL, files in S3Mock and a real
 * simulated engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchesApiIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final Duration WAIT = Duration.ofSeconds(30);

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final S3MockExtension s3 = S3MockExtension.create("batch-api");

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines();

    private RunningBatchService service;
    private ApiClient client;

    @BeforeAll
    void start() {
        Map<String, String> properties = new LinkedHashMap<>(pg.springProperties("batches_api"));
        properties.put("batch.storage.s3.bucket", "batch-api");
        properties.put("batch.storage.s3.endpoint", s3.endpoint().toString());
        properties.put("batch.storage.s3.region", s3.region());
        properties.put("batch.storage.s3.access-key-id", s3.accessKeyId());
        properties.put("batch.storage.s3.secret-access-key", s3.secretAccessKey());
        properties.put("batch.execution.targets", fleet.baseUris().getFirst().toString());
        // A slowed engine must keep lines unsent at a deadline or a cancel: no ramp beyond the initial 8 in flight.
        properties.put("batch.execution.concurrency.max", "8");
        properties.put("batch.execution.retry.base-delay", "20ms");
        properties.put("batch.execution.retry.max-delay", "100ms");
        properties.put("batch.jobs.poll-interval", "100ms");
        properties.put("batch.lease.duration", "5s");
        properties.put("batch.lease.heartbeat-interval", "1s");
        service = RunningBatchService.start(properties);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void newOwner() {
        client = new ApiClient(service.baseUri(), "owner-" + UUID.randomUUID());
    }

    @AfterEach
    void clearFaults() {
        engineAdmin().delete("/admin/faults");
    }

    @Test
    void answersTheCreateWithEveryFieldOfTheOpenAiBatchObject() {
        String file = upload(client, chatLines(2, MODEL));
        long before = Instant.now().getEpochSecond();

        Answer answer = client.postJson("/v1/batches", "{\"input_file_id\":\"" + file + "\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"team\":\"search\"}}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode batch = answer.json();
        List<String> fields = new ArrayList<>();
        batch.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "object", "endpoint", "errors", "input_file_id",
                "completion_window", "status", "output_file_id", "error_file_id", "created_at", "in_progress_at",
                "expires_at", "finalizing_at", "completed_at", "failed_at", "expired_at", "cancelling_at",
                "cancelled_at", "request_counts", "metadata", "model", "usage");
        assertThat(batch.get("id").asText()).matches("batch_[0-9A-Za-z]{24}");
        assertThat(batch.get("object").asText()).isEqualTo("batch");
        assertThat(batch.get("status").asText()).isEqualTo("validating");
        assertThat(batch.get("errors").isNull()).isTrue();
        assertThat(batch.get("created_at").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(batch.get("expires_at").asLong()).isEqualTo(batch.get("created_at").asLong() + 86_400);
        assertThat(batch.get("metadata").get("team").asText()).isEqualTo("search");
        assertThat(batch.get("request_counts").toString()).isEqualTo("{\"total\":0,\"completed\":0,\"failed\":0}");
        assertThat(batch.get("usage").toString()).isEqualTo("{\"input_tokens\":0,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":0,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                + "\"total_tokens\":0}");
        awaitStatus(client, batch.get("id").asText(), WAIT, "completed");
    }

    @Test
    void runsABatchToCompletedWithOneOutputLinePerRequestInLineOrder() {
        String file = upload(client, chatLines(20, MODEL));
        String id = create(client, file, "24h").get("id").asText();

        JsonNode batch = awaitStatus(client, id, WAIT, "completed", "failed", "expired");

        assertThat(batch.get("status").asText()).isEqualTo("completed");
        assertThat(batch.get("request_counts").toString()).isEqualTo("{\"total\":20,\"completed\":20,\"failed\":0}");
        assertThat(batch.get("model").asText()).isEqualTo(MODEL);
        for (String time : List.of("in_progress_at", "finalizing_at", "completed_at")) {
            assertThat(batch.get(time).isNumber()).as(time).isTrue();
        }
        assertThat(batch.get("error_file_id").isNull()).isTrue();
        JsonNode usage = batch.get("usage");
        assertThat(usage.get("input_tokens").asLong()).isPositive();
        assertThat(usage.get("output_tokens").asLong()).isPositive();
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("input_tokens").asLong() + usage.get("output_tokens").asLong());
        String output = batch.get("output_file_id").asText();
        assertThat(client.get("/v1/files/" + output).json().get("purpose").asText()).isEqualTo("batch_output");
        List<JsonNode> lines = lines(client, output);
        assertThat(lines).extracting(line -> line.get("custom_id").asText())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "req-" + i).toList());
        assertThat(lines).extracting(line -> line.get("id").asText()).allMatch(v -> v.startsWith("batch_req_"))
                .doesNotHaveDuplicates();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("response").get("status_code").asInt()).isEqualTo(200);
            assertThat(line.get("response").get("request_id").asText()).isNotEmpty();
            assertThat(line.get("response").get("body").get("object").asText()).isEqualTo("chat.completion");
            assertThat(line.get("error").isNull()).isTrue();
        });
    }

    @Test
    void putsUpstreamFailuresInTheErrorFileWithTheirStatusAndBody() {
        String file = upload(client, chatLine("good-1", MODEL) + "\n" + chatLine("bad", "no-such-model") + "\n"
                + chatLine("good-2", MODEL) + "\n");
        String id = create(client, file, "24h").get("id").asText();

        JsonNode batch = awaitStatus(client, id, WAIT, "completed");

        assertThat(batch.get("request_counts").toString()).isEqualTo("{\"total\":3,\"completed\":2,\"failed\":1}");
        assertThat(lines(client, batch.get("output_file_id").asText())).extracting(l -> l.get("custom_id").asText())
                .containsExactly("good-1", "good-2");
        List<JsonNode> errors = lines(client, batch.get("error_file_id").asText());
        assertThat(errors).hasSize(1);
        JsonNode failure = errors.getFirst();
        assertThat(failure.get("custom_id").asText()).isEqualTo("bad");
        assertThat(failure.get("response").get("status_code").asInt()).isEqualTo(404);
        assertThat(failure.get("response").get("body").get("error").get("message").asText())
                .contains("no-such-model");
        assertThat(failure.get("error").isNull()).isTrue();
    }

    @Test
    void failsAnInvalidInputFileWithTheLineNumbersOfItsErrors() {
        String file = upload(client, chatLine("a", MODEL) + "\nnot json\n" + chatLine("c", MODEL) + "\n"
                + chatLine("a", MODEL) + "\n");
        String id = create(client, file, "24h").get("id").asText();

        JsonNode batch = awaitStatus(client, id, WAIT, "failed");

        assertThat(batch.get("failed_at").isNumber()).isTrue();
        assertThat(batch.get("in_progress_at").isNull()).isTrue();
        assertThat(batch.get("errors").get("object").asText()).isEqualTo("list");
        assertThat(batch.get("errors").get("data")).extracting(e -> e.get("line").asInt(), e -> e.get("code").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "invalid_json_line"),
                        org.assertj.core.groups.Tuple.tuple(4, "duplicate_custom_id"));
        assertThat(batch.get("output_file_id").isNull()).isTrue();
    }

    @Test
    void refusesBadCreateRequestsNamingTheParameter() {
        String file = upload(client, chatLines(1, MODEL));
        String other = client.upload("notes.txt", "user_data", new byte[] {1}).json().get("id").asText();
        String metadata17 = IntStream.range(0, 17).mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{", "}"));

        assertError(client.postJson("/v1/batches", "{\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\"}"), 400, "input_file_id");
        assertError(client.postJson("/v1/batches", createBody(file, "24h").replace("/v1/chat/completions",
                "/v1/moderations")), 400, "endpoint");
        assertError(client.postJson("/v1/batches", createBody(file, "48h")), 400, "completion_window");
        assertError(client.postJson("/v1/batches", createBody(file, "soon")), 400, "completion_window");
        assertError(client.postJson("/v1/batches", createBody("file-missing", "24h")), 400, "input_file_id");
        assertError(client.postJson("/v1/batches", createBody(other, "24h")), 400, "input_file_id");
        assertError(client.postJson("/v1/batches", withMetadata(file, metadata17)), 400, "metadata");
        assertError(client.postJson("/v1/batches", withMetadata(file, "{\"" + "k".repeat(65) + "\":\"v\"}")), 400,
                "metadata");
        assertError(client.postJson("/v1/batches", withMetadata(file, "{\"k\":\"" + "v".repeat(513) + "\"}")), 400,
                "metadata");
        assertThat(client.postJson("/v1/batches", withMetadata(file, "{\"" + "k".repeat(64) + "\":\""
                + "v".repeat(512) + "\"}")).status()).isEqualTo(200);
    }

    @Test
    void returnsTheSameBatchForARepeatedIdempotencyKeyAndRefusesItWithAnotherBody() {
        String file = upload(client, chatLines(1, MODEL));
        Map<String, String> key = Map.of("Idempotency-Key", "retry-me");

        Answer first = client.postJson("/v1/batches", createBody(file, "24h"), key);
        Answer again = client.postJson("/v1/batches", createBody(file, "24h"), key);
        Answer changed = client.postJson("/v1/batches", createBody(file, "1h"), key);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().get("error").get("message").asText()).contains("retry-me");
        assertThat(changed.json().get("error").get("param").asText()).isEqualTo("Idempotency-Key");
        assertThat(client.get("/v1/batches").json().get("data")).hasSize(1);
        assertThat(client.as("someone-else-" + UUID.randomUUID()).postJson("/v1/batches",
                createBody(file, "24h"), key).status()).isEqualTo(400);
    }

    @Test
    void listsBatchesNewestFirstWithCursorPages() {
        String file = upload(client, chatLines(1, MODEL));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(client, file, "24h").get("id").asText());
        }

        JsonNode first = client.get("/v1/batches?limit=2").json();
        JsonNode rest = client.get("/v1/batches?limit=2&after=" + ids.get(1)).json();

        assertThat(first.get("object").asText()).isEqualTo("list");
        assertThat(first.get("data")).extracting(b -> b.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("first_id").asText()).isEqualTo(ids.get(2));
        assertThat(first.get("last_id").asText()).isEqualTo(ids.get(1));
        assertThat(rest.get("data")).extracting(b -> b.get("id").asText()).containsExactly(ids.get(0));
        assertThat(rest.get("has_more").asBoolean()).isFalse();
        assertError(client.get("/v1/batches?limit=101"), 400, "limit");
        assertError(client.get("/v1/batches?after=batch_nope"), 400, "after");
    }

    @Test
    void hidesBatchesFromOtherOwners() {
        String id = create(client, upload(client, chatLines(1, MODEL)), "24h").get("id").asText();
        ApiClient other = client.as("intruder-" + UUID.randomUUID());

        assertError(other.get("/v1/batches/" + id), 404, "id");
        assertError(other.postJson("/v1/batches/" + id + "/cancel", ""), 404, "id");
        assertThat(other.get("/v1/batches").json().get("data")).isEmpty();
        assertError(client.get("/v1/batches/batch_unknown"), 404, "id");
    }

    @Test
    void refusesToCancelAFinishedBatchWith409() {
        String id = create(client, upload(client, chatLines(1, MODEL)), "24h").get("id").asText();
        awaitStatus(client, id, WAIT, "completed");

        Answer cancel = client.postJson("/v1/batches/" + id + "/cancel", "");

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("error").get("message").asText()).contains("completed");
    }

    @Test
    void cancelsAValidatingBatchThroughCancellingToCancelled() {
        SmartLifecycle jobs = service.bean("jobPool", SmartLifecycle.class);
        jobs.stop();
        try {
            String id = create(client, upload(client, chatLines(3, MODEL)), "24h").get("id").asText();

            JsonNode cancelling = client.postJson("/v1/batches/" + id + "/cancel", "").json();

            assertThat(cancelling.get("status").asText()).isEqualTo("cancelling");
            assertThat(cancelling.get("cancelling_at").isNumber()).isTrue();
            assertThat(client.postJson("/v1/batches/" + id + "/cancel", "").json().get("status").asText())
                    .isEqualTo("cancelling");
            jobs.start();
            JsonNode cancelled = awaitStatus(client, id, WAIT, "cancelled");
            assertThat(cancelled.get("cancelled_at").isNumber()).isTrue();
            assertThat(cancelled.get("in_progress_at").isNull()).isTrue();
            assertThat(cancelled.get("output_file_id").isNull()).isTrue();
        } finally {
            if (!jobs.isRunning()) {
                jobs.start();
            }
        }
    }

    @Test
    void cancelsAnInProgressBatchKeepingItsPartialOutput() {
        slowEngine(200);
        String id = create(client, upload(client, chatLines(60, MODEL)), "24h").get("id").asText();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> client.get("/v1/batches/" + id).json()
                .get("request_counts").get("completed").asInt() >= 1);

        assertThat(client.postJson("/v1/batches/" + id + "/cancel", "").json().get("status").asText())
                .isEqualTo("cancelling");
        JsonNode batch = awaitStatus(client, id, WAIT, "cancelled");

        int completed = batch.get("request_counts").get("completed").asInt();
        assertThat(completed).isBetween(1, 59);
        assertThat(batch.get("request_counts").get("failed").asInt()).isZero();
        assertThat(lines(client, batch.get("output_file_id").asText())).hasSize(completed);
        assertThat(batch.get("cancelled_at").isNumber()).isTrue();
        assertThat(batch.get("completed_at").isNull()).isTrue();
    }

    @Test
    void expiresABatchAtItsDeadlineKeepingFinishedLinesAndFailingTheRest() {
        slowEngine(400);
        String id = create(client, upload(client, chatLines(60, MODEL)), "2s").get("id").asText();

        JsonNode batch = awaitStatus(client, id, WAIT, "expired", "completed");

        assertThat(batch.get("status").asText()).isEqualTo("expired");
        assertThat(batch.get("expired_at").isNumber()).isTrue();
        assertThat(batch.get("expires_at").asLong()).isEqualTo(batch.get("created_at").asLong() + 2);
        int completed = batch.get("request_counts").get("completed").asInt();
        int failed = batch.get("request_counts").get("failed").asInt();
        assertThat(completed).isBetween(1, 59);
        assertThat(completed + failed).isEqualTo(60);
        assertThat(lines(client, batch.get("output_file_id").asText())).hasSize(completed);
        List<JsonNode> expired = lines(client, batch.get("error_file_id").asText());
        assertThat(expired).hasSize(failed).allSatisfy(line -> {
            assertThat(line.get("response").isNull()).isTrue();
            assertThat(line.get("error").get("code").asText()).isEqualTo("batch_expired");
        });
    }

    private void slowEngine(long millis) {
        Answer answer = engineAdmin().send("PUT", "/admin/faults", "application/json",
                ("{\"extraLatencyMs\":" + millis + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static ApiClient engineAdmin() {
        return new ApiClient(fleet.baseUris().getFirst(), null);
    }

    private static String withMetadata(String file, String metadata) {
        return "{\"input_file_id\":\"" + file + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":"
                + "\"24h\",\"metadata\":" + metadata + "}";
    }

    private static void assertError(Answer answer, int status, String param) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("error").get("param").asText()).as(answer.text()).isEqualTo(param);
    }
}
