package io.aibrix.batch;

import static io.aibrix.batch.support.BatchFixtures.chatLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchUsage;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;

import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.BatchFixtures;
import io.aibrix.batch.support.RunningBatchService;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import io.aibrix.testsupport.S3MockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link BatchApplication} through the official OpenAI Java SDK, the contract: upload, create, poll and
 * download, joined on {@code custom_id}, cancel, delete and errors, against two simulated engines, a real PostgreSQL and files in S3Mock. Every
 * object the SDK reads is validated, so a field of the wrong type fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final int GOOD_LINES = 40;
    private static final int UNKNOWN_MODEL_LINES = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final S3MockExtension s3 = S3MockExtension.create("batch-sdk");

    @RegisterExtension
    static final EngineFleetExtension fleet = BatchFixtures.engines(2);

    @TempDir
    Path dir;

    private RunningBatchService service;

    @BeforeAll
    void start() {
        Map<String, String> properties = new LinkedHashMap<>(pg.springProperties("batch_sdk"));
        properties.put("batch.storage.s3.bucket", "batch-sdk");
        properties.put("batch.storage.s3.endpoint", s3.endpoint().toString());
        properties.put("batch.storage.s3.region", s3.region());
        properties.put("batch.storage.s3.access-key-id", s3.accessKeyId());
        properties.put("batch.storage.s3.secret-access-key", s3.secretAccessKey());
        properties.put("batch.execution.targets", fleet.baseUris().stream().map(Object::toString)
                .collect(Collectors.joining(",")));
        properties.put("batch.jobs.poll-interval", "100ms");
        service = RunningBatchService.start(properties);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void runsABatchFromUploadToDownloadedResultsWithEveryLineOnceInOutputOrErrorFile() throws IOException {
        OpenAIClient openai = client("sdk-" + UUID.randomUUID());
        List<String> lines = new ArrayList<>();
        IntStream.rangeClosed(1, GOOD_LINES).forEach(i -> lines.add(chatLine("good-" + i, MODEL)));
        // Interleaved, so failures and successes share the batch's concurrency.
        IntStream.rangeClosed(1, UNKNOWN_MODEL_LINES).forEach(i -> lines.add(i * 5, chatLine("unknown-" + i,
                "no-such-model")));
        Path input = Files.writeString(dir.resolve("requests.jsonl"), String.join("\n", lines) + "\n");

        FileObject file = openai.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .build()).validate();
        assertThat(file.purpose()).isEqualTo(FileObject.Purpose.BATCH);
        assertThat(file.filename()).isEqualTo("requests.jsonl");
        assertThat(file.bytes()).isEqualTo(Files.size(input));

        Batch created = openai.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("suite", JsonValue.from("sdk"))
                        .build())
                .build()).validate();
        assertThat(created.status()).isIn(Batch.Status.VALIDATING, Batch.Status.IN_PROGRESS);
        assertThat(created.metadata().orElseThrow()._allProperties())
                .containsEntry("suite", JsonValue.from("sdk"));

        Batch done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> openai.batches().retrieve(created.id()).validate(),
                        batch -> batch.status().equals(Batch.Status.COMPLETED));

        int total = GOOD_LINES + UNKNOWN_MODEL_LINES;
        assertThat(done.requestCounts().orElseThrow().total()).isEqualTo(total);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(GOOD_LINES);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(UNKNOWN_MODEL_LINES);
        assertThat(done.inProgressAt()).isPresent();
        assertThat(done.finalizingAt()).isPresent();
        assertThat(done.completedAt()).isPresent();
        assertThat(done.model()).contains(MODEL);
        BatchUsage usage = done.usage().orElseThrow();
        assertThat(usage.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
        assertThat(usage.inputTokensDetails().cachedTokens()).isNotNegative();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isNotNegative();

        FileObject outputFile = openai.files().retrieve(done.outputFileId().orElseThrow()).validate();
        FileObject errorFile = openai.files().retrieve(done.errorFileId().orElseThrow()).validate();
        assertThat(outputFile.purpose()).isEqualTo(FileObject.Purpose.BATCH_OUTPUT);
        assertThat(errorFile.purpose()).isEqualTo(FileObject.Purpose.BATCH_OUTPUT);
        List<JsonNode> output = download(openai, outputFile.id());
        List<JsonNode> errors = download(openai, errorFile.id());

        Map<String, Integer> seen = new HashMap<>();
        output.forEach(line -> seen.merge(line.get("custom_id").asText(), 1, Integer::sum));
        errors.forEach(line -> seen.merge(line.get("custom_id").asText(), 1, Integer::sum));
        List<String> customIds = lines.stream().map(line -> read(line).get("custom_id").asText()).toList();
        assertThat(seen).containsOnlyKeys(customIds).allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(output).hasSize(GOOD_LINES).allSatisfy(line -> {
            assertThat(line.get("custom_id").asText()).startsWith("good-");
            assertThat(line.get("id").asText()).startsWith("batch_req_");
            assertThat(line.get("response").get("status_code").asInt()).isEqualTo(200);
            assertThat(line.get("response").get("body").get("model").asText()).isEqualTo(MODEL);
            assertThat(line.get("error").isNull()).isTrue();
        });
        assertThat(errors).hasSize(UNKNOWN_MODEL_LINES).allSatisfy(line -> {
            assertThat(line.get("custom_id").asText()).startsWith("unknown-");
            assertThat(line.get("response").get("status_code").asInt()).isEqualTo(404);
            assertThat(line.get("response").get("body").get("error")).isNotNull();
        });
    }

    @Test
    void pagesThroughFilesAndBatchesWithTheSdkAutoPager() throws IOException {
        String owner = "pager-" + UUID.randomUUID();
        OpenAIClient openai = client(owner);
        ApiClient api = new ApiClient(service.baseUri(), owner);
        List<String> fileIds = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path input = Files.writeString(dir.resolve("page-" + i + ".jsonl"), chatLine("p-" + i, MODEL) + "\n");
            String fileId = openai.files().create(FileCreateParams.builder().file(input)
                    .purpose(FilePurpose.BATCH).build()).id();
            fileIds.add(fileId);
            batchIds.add(openai.batches().create(BatchCreateParams.builder().inputFileId(fileId)
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id());
        }
        batchIds.forEach(id -> BatchFixtures.awaitStatus(api, id, Duration.ofSeconds(30), "completed"));

        List<String> inputFiles = new ArrayList<>();
        openai.files().list(FileListParams.builder().limit(2).purpose("batch").build()).autoPager()
                .forEach(file -> inputFiles.add(file.validate().id()));
        List<String> allFiles = new ArrayList<>();
        openai.files().list(FileListParams.builder().limit(3).order(FileListParams.Order.ASC).build()).autoPager()
                .forEach(file -> allFiles.add(file.validate().id()));
        List<String> batches = new ArrayList<>();
        openai.batches().list(BatchListParams.builder().limit(2).build()).autoPager()
                .forEach(batch -> batches.add(batch.validate().id()));

        assertThat(inputFiles).containsExactlyElementsOf(fileIds.reversed());
        // Each batch also wrote an output file: 5 inputs and 5 outputs, oldest first.
        assertThat(allFiles).hasSize(10).doesNotHaveDuplicates().startsWith(fileIds.getFirst());
        assertThat(batches).containsExactlyElementsOf(batchIds.reversed());
        assertThat(client("nobody-" + UUID.randomUUID()).batches().list().autoPager().stream()).isEmpty();
    }

    @Test
    void cancelsDeletesAndAnswersErrorsTheSdkUnderstands() throws IOException {
        OpenAIClient openai = client("errors-" + UUID.randomUUID());
        Path input = Files.writeString(dir.resolve("cancel.jsonl"), chatLine("c-1", MODEL) + "\n");
        String fileId = openai.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .build()).id();
        String batchId = openai.batches().create(BatchCreateParams.builder().inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> openai.batches().retrieve(batchId).status()
                .equals(Batch.Status.COMPLETED));

        assertThatThrownBy(() -> openai.batches().cancel(batchId)).isInstanceOfSatisfying(
                OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.code()).contains("batch_not_cancellable");
                });
        assertThatThrownBy(() -> client("stranger-" + UUID.randomUUID()).batches().retrieve(batchId))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> openai.batches().create(BatchCreateParams.builder().inputFileId("file-missing")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).contains("input_file_id"));

        FileDeleted deleted = openai.files().delete(fileId).validate();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.id()).isEqualTo(fileId);
        assertThatThrownBy(() -> openai.files().retrieve(fileId)).isInstanceOf(NotFoundException.class);
    }

    private OpenAIClient client(String owner) {
        return OpenAIOkHttpClient.builder().baseUrl(service.baseUri() + "/v1").apiKey("sk-test")
                .putHeader(ApiClient.OWNER_HEADER, owner).maxRetries(0).build();
    }

    private static List<JsonNode> download(OpenAIClient openai, String fileId) throws IOException {
        try (HttpResponse response = openai.files().content(fileId); InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .map(OpenAiSdkIntegrationTests::read).toList();
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
