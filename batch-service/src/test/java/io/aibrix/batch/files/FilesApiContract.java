package io.aibrix.batch.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.batch.storage.FileStore;
import io.aibrix.batch.support.ApiClient;
import io.aibrix.batch.support.ApiClient.Answer;
import io.aibrix.batch.support.RunningBatchService;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests for {@link FilesController}, run against a real PostgreSQL and each {@link FileStore} by the subclasses.
 * Every test acts as its own owner, so tests share one service without seeing each other's files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesApiContract {

    static final int MAX_BATCH_FILE = 64 * 1024;
    static final int MAX_FILE = 16 * 1024 * 1024;

    static final EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    private RunningBatchService service;
    ApiClient client;

    /** Storage properties of the store under test. */
    abstract Map<String, String> storageProperties();

    abstract String database();

    @BeforeEach
    void startOnce() {
        if (service == null) {
            Map<String, String> properties = new LinkedHashMap<>(pg.springProperties(database()));
            properties.put("batch.files.max-batch-file-size", MAX_BATCH_FILE + "B");
            properties.put("batch.files.max-file-size", MAX_FILE + "B");
            properties.putAll(storageProperties());
            service = RunningBatchService.start(properties);
        }
        client = new ApiClient(service.baseUri(), "owner-" + UUID.randomUUID());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void uploadsABatchFileAndAnswersWithTheOpenAiFileObject() {
        byte[] content = jsonl(3);
        long before = Instant.now().getEpochSecond();

        Answer answer = client.upload("requests.jsonl", "batch", content);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode file = answer.json();
        assertThat(file.get("id").asText()).matches("file-[0-9A-Za-z]{24}");
        assertThat(file.get("object").asText()).isEqualTo("file");
        assertThat(file.get("bytes").asLong()).isEqualTo(content.length);
        assertThat(file.get("created_at").asLong()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(file.get("filename").asText()).isEqualTo("requests.jsonl");
        assertThat(file.get("purpose").asText()).isEqualTo("batch");
        assertThat(file.get("status").asText()).isEqualTo("processed");
        assertThat(file.has("expires_at")).isTrue();
        assertThat(file.get("expires_at").isNull()).isTrue();
        assertThat(file.has("status_details")).isTrue();
        assertThat(file.get("status_details").isNull()).isTrue();
        assertThat(client.get("/v1/files/" + file.get("id").asText()).json()).isEqualTo(file);
    }

    @Test
    void acceptsThePurposeAfterTheFile() {
        Answer answer = client.uploadPurposeLast("later.jsonl", "batch", jsonl(2));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("purpose").asText()).isEqualTo("batch");
    }

    @Test
    void downloadsTheContentByteExactWhateverTheAcceptHeader() {
        byte[] content = new byte[11 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        byte[] boundaryLike = "\r\n--test-boundary-7MA4YWxkTrZu0g".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(boundaryLike, 0, content, 1000, boundaryLike.length);
        String id = client.upload("blob.bin", "user_data", content).json().get("id").asText();

        Answer binary = client.get("/v1/files/" + id + "/content", "application/binary");
        Answer any = client.get("/v1/files/" + id + "/content");

        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.body()).isEqualTo(content);
        assertThat(binary.headers()).containsEntry("content-type", "application/octet-stream");
        assertThat(any.body()).isEqualTo(content);
        assertThat(client.get("/v1/files/" + id).json().get("bytes").asLong()).isEqualTo(content.length);
    }

    @Test
    void keepsEachOwnersFilesInvisibleToOthers() {
        String id = client.upload("mine.jsonl", "batch", jsonl(1)).json().get("id").asText();
        ApiClient other = client.as("someone-else-" + UUID.randomUUID());

        assertThat(other.get("/v1/files/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/files/" + id + "/content").status()).isEqualTo(404);
        assertThat(other.delete("/v1/files/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/files").json().get("data")).isEmpty();
        assertThat(client.get("/v1/files/" + id).status()).isEqualTo(200);
    }

    @Test
    void givesRequestsWithoutOwnerHeaderToTheDefaultOwner() {
        ApiClient anonymous = client.as(null);
        String id = anonymous.upload("anon.jsonl", "batch", jsonl(1)).json().get("id").asText();

        assertThat(client.as("anonymous").get("/v1/files/" + id).status()).isEqualTo(200);
        assertThat(client.get("/v1/files/" + id).status()).isEqualTo(404);
    }

    @Test
    void pagesThroughFilesWithCursors() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(client.upload("f" + i + ".jsonl", "batch", jsonl(1)).json().get("id").asText());
        }
        ids.add(client.upload("other.txt", "user_data", new byte[] {1, 2}).json().get("id").asText());

        JsonNode first = client.get("/v1/files?limit=2").json();
        assertThat(first.get("object").asText()).isEqualTo("list");
        assertThat(ids(first)).containsExactly(ids.get(5), ids.get(4));
        assertThat(first.get("first_id").asText()).isEqualTo(ids.get(5));
        assertThat(first.get("last_id").asText()).isEqualTo(ids.get(4));
        assertThat(first.get("has_more").asBoolean()).isTrue();

        JsonNode second = client.get("/v1/files?limit=2&after=" + ids.get(4)).json();
        assertThat(ids(second)).containsExactly(ids.get(3), ids.get(2));
        JsonNode last = client.get("/v1/files?limit=2&after=" + ids.get(2)).json();
        assertThat(ids(last)).containsExactly(ids.get(1), ids.get(0));
        assertThat(last.get("has_more").asBoolean()).isFalse();

        assertThat(ids(client.get("/v1/files?order=asc&limit=4").json()))
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3));
        assertThat(ids(client.get("/v1/files?order=asc&after=" + ids.get(3)).json()))
                .containsExactly(ids.get(4), ids.get(5));
        assertThat(ids(client.get("/v1/files?purpose=user_data").json())).containsExactly(ids.get(5));
        assertThat(ids(client.get("/v1/files?purpose=batch&order=asc&limit=10000").json()))
                .containsExactlyElementsOf(ids.subList(0, 5));
    }

    @Test
    void answersAnEmptyListWith200() {
        Answer answer = client.get("/v1/files");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("data")).isEmpty();
        assertThat(answer.json().get("first_id").isNull()).isTrue();
        assertThat(answer.json().get("last_id").isNull()).isTrue();
        assertThat(answer.json().get("has_more").asBoolean()).isFalse();
    }

    @Test
    void rejectsBadListParametersNamingThem() {
        assertError(client.get("/v1/files?limit=0"), 400, "limit");
        assertError(client.get("/v1/files?limit=10001"), 400, "limit");
        assertError(client.get("/v1/files?limit=many"), 400, "limit");
        assertError(client.get("/v1/files?order=sideways"), 400, "order");
        assertError(client.get("/v1/files?after=file-doesnotexist"), 400, "after");
    }

    @Test
    void deletesAFileAndItsBytes() {
        String id = client.upload("gone.jsonl", "batch", jsonl(1)).json().get("id").asText();
        String kept = client.upload("kept.jsonl", "batch", jsonl(1)).json().get("id").asText();

        Answer deleted = client.delete("/v1/files/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).hasToString("{\"id\":\"" + id + "\",\"object\":\"file\",\"deleted\":true}");
        assertError(client.get("/v1/files/" + id), 404, "id");
        assertError(client.get("/v1/files/" + id + "/content"), 404, "id");
        assertError(client.delete("/v1/files/" + id), 404, "id");
        assertThat(ids(client.get("/v1/files").json())).containsExactly(kept);
        assertThat(ids(client.get("/v1/files?order=asc&after=" + id).json())).containsExactly(kept);
        assertThatThrownBy(() -> service.bean(FileStore.class).read("files/" + id).close())
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesBatchFilesOverTheLimitWith413AndKeepsNothing() throws IOException {
        byte[] tooBig = new byte[MAX_BATCH_FILE + 1];

        assertError(client.upload("big.jsonl", "batch", tooBig), 413, "file");
        assertError(client.uploadPurposeLast("big.jsonl", "batch", tooBig), 413, "file");
        assertThat(client.upload("fits.jsonl", "batch", new byte[MAX_BATCH_FILE]).status()).isEqualTo(200);
        assertThat(client.get("/v1/files").json().get("data")).hasSize(1);
    }

    @Test
    void refusesFilesOverTheOverallLimitWith413() {
        assertError(client.uploadPurposeLast("huge.bin", "user_data", new byte[MAX_FILE + 1]), 413, "file");
        assertThat(client.get("/v1/files").json().get("data")).isEmpty();
    }

    @Test
    void refusesBatchFilesThatAreNotJsonl() {
        assertError(client.upload("requests.csv", "batch", jsonl(1)), 400, "file");
        assertError(client.uploadPurposeLast("requests.json", "batch", jsonl(1)), 400, "file");
        assertThat(client.get("/v1/files").json().get("data")).isEmpty();
    }

    @Test
    void refusesAnUnknownPurposeNamingIt() {
        Answer answer = client.upload("a.jsonl", "bogus-purpose", jsonl(1));

        assertError(answer, 400, "purpose");
        assertThat(answer.json().at("/error/message").asText()).contains("'bogus-purpose'").contains("'batch'");
        assertError(client.upload("a.jsonl", "batch_output", jsonl(1)), 400, "purpose");
    }

    @Test
    void refusesUploadsMissingAField() {
        assertError(client.upload(ApiClient.multipart(Map.of("purpose", "batch"), null, null, true)), 400, "file");
        assertError(client.upload(ApiClient.multipart(Map.of(), "a.jsonl", jsonl(1), true)), 400, "purpose");
        assertThat(client.get("/v1/files").json().get("data")).isEmpty();
    }

    @Test
    void refusesUploadsThatAreNotMultipart() {
        assertError(client.send("POST", "/v1/files", "application/json", "{\"purpose\":\"batch\"}"
                .getBytes(StandardCharsets.UTF_8)), 415, null);
        assertError(client.send("POST", "/v1/files", "multipart/form-data; boundary=xyz", "garbage"
                .getBytes(StandardCharsets.UTF_8)), 400, null);
    }

    @Test
    void answersUnknownPathsAndMethodsWithTheErrorEnvelope() {
        Answer unknown = client.get("/v1/nothing-here");
        assertError(unknown, 404, null);
        assertThat(unknown.json().at("/error/message").asText()).contains("/v1/nothing-here");
        assertError(client.send("PUT", "/v1/files", "application/json", new byte[0]), 405, null);
        assertError(client.get("/v1/files/file-missing/content", "application/binary"), 404, "id");
    }

    private static void assertError(Answer answer, int status, String param) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        JsonNode error = answer.json().get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(status >= 500 ? "api_error" : "invalid_request_error");
        assertThat(error.has("code")).isTrue();
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(param);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(file -> ids.add(file.get("id").asText()));
        return ids;
    }

    static byte[] jsonl(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append("{\"custom_id\":\"r").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",")
                    .append("\"body\":{\"model\":\"llama3-8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
