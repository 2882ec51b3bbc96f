package io.aibrix.gateway.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.gateway.support.BatchApiClient;
import io.aibrix.gateway.support.BatchService;
import io.aibrix.gateway.support.MetadataService;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;

import static io.aibrix.gateway.support.BatchApiClient.chatLine;
import static io.aibrix.gateway.support.BatchApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BatchApiFilter} and the route of {@link BatchConfiguration}: the Files and Batches API through the
 * gateway, against the real batch-service and the real metadata-service (each a child JVM on a real PostgreSQL),
 * batch lines executed by a simulated engine.
 */
class BatchApiIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "zero")
            .build();

    private static BatchService batchService;
    private static MetadataService metadata;
    private static RunningGateway keyed;
    private static RunningGateway open;

    @BeforeAll
    static void start() {
        CompletableFuture<BatchService> batch = CompletableFuture.supplyAsync(() -> BatchService.start(
                postgres.springProperties("gateway_batch"), fleet.baseUris()));
        metadata = MetadataService.shared();
        batchService = batch.join();
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.batch.url", batchService.baseUri().toString());
        open = RunningGateway.start(properties);
        properties.put("gateway.auth.metadata-url", metadata.baseUri().toString());
        properties.put("gateway.auth.metadata-token", MetadataService.INTERNAL_TOKEN);
        keyed = RunningGateway.start(properties);
    }

    @AfterAll
    static void stop() {
        keyed.close();
        open.close();
        batchService.close();
    }

    @Test
    void runsABatchUploadedThroughTheGatewayAndDownloadsItsOutput() {
        BatchApiClient client = new BatchApiClient(keyed.baseUri(), "Authorization", keyFor("batch-runner").bearer());
        String lines = chatLine("first", MODEL) + chatLine("second", MODEL) + chatLine("third", MODEL);

        HttpResponse<String> uploaded = client.upload("input.jsonl", "batch", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String fileId = json(uploaded).get("id").asText();
        HttpResponse<String> created = client.post("/v1/batches", "{\"input_file_id\":\"" + fileId
                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String batchId = json(created).get("id").asText();

        JsonNode batch = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(client.get("/v1/batches/" + batchId)),
                        node -> node.get("status").asText().equals("completed"));
        assertThat(batch.at("/request_counts/completed").asInt()).isEqualTo(3);
        HttpResponse<String> output = client.get("/v1/files/" + batch.get("output_file_id").asText() + "/content");

        assertThat(output.statusCode()).isEqualTo(200);
        List<JsonNode> results = output.body().lines().map(BatchApiIntegrationTests::parse).toList();
        assertThat(results).extracting(result -> result.get("custom_id").asText())
                .containsExactlyInAnyOrder("first", "second", "third");
        assertThat(results).allSatisfy(result -> assertThat(result.at("/response/status_code").asInt())
                .isEqualTo(200));
    }

    @Test
    void hidesOneKeysFilesFromAnotherKeyEvenWhenItClaimsTheOwnerHeader() {
        BatchApiClient owner = new BatchApiClient(keyed.baseUri(), "Authorization", keyFor("file-owner").bearer());
        byte[] line = chatLine("a", MODEL).getBytes(StandardCharsets.UTF_8);
        String fileId = json(owner.upload("mine.jsonl", "batch", line)).get("id").asText();
        BatchApiClient intruder = new BatchApiClient(keyed.baseUri(), "Authorization", keyFor("intruder").bearer(),
                "x-aibrix-user", "file-owner");

        HttpResponse<String> seen = intruder.get("/v1/files/" + fileId);
        HttpResponse<String> direct = new BatchApiClient(batchService.baseUri(), "x-aibrix-user", "intruder")
                .get("/v1/files/" + fileId);

        assertThat(owner.get("/v1/files/" + fileId).statusCode()).isEqualTo(200);
        assertThat(seen.statusCode()).isEqualTo(404);
        assertThat(seen.body()).as("batch-service's own error, relayed unchanged").isEqualTo(direct.body());
        assertThat(json(intruder.get("/v1/files")).get("data")).isEmpty();
    }

    @Test
    void refusesTheApiWithoutAKeyWith401() {
        BatchApiClient anonymous = new BatchApiClient(keyed.baseUri(), "x-aibrix-user", "someone");

        HttpResponse<String> response = anonymous.get("/v1/batches");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void passesTheClientsOwnerHeaderThroughWhenKeysAreOff() {
        BatchApiClient alice = new BatchApiClient(open.baseUri(), "x-aibrix-user", "alice");
        byte[] line = chatLine("a", MODEL).getBytes(StandardCharsets.UTF_8);
        String fileId = json(alice.upload("alice.jsonl", "batch", line)).get("id").asText();

        assertThat(new BatchApiClient(batchService.baseUri(), "x-aibrix-user", "alice").get("/v1/files/" + fileId)
                .statusCode()).isEqualTo(200);
        assertThat(new BatchApiClient(open.baseUri(), "x-aibrix-user", "bob").get("/v1/files/" + fileId)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void streamsALargeUploadAndItsDownloadThroughTheGatewayUnchanged() throws Exception {
        long size = 64L << 20;
        BatchApiClient client = new BatchApiClient(open.baseUri(), "x-aibrix-user", "large");

        HttpResponse<String> uploaded = client.upload("large.bin", "user_data", size, () -> new PatternStream(size));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(json(uploaded).get("bytes").asLong()).isEqualTo(size);
        HttpResponse<InputStream> download = client.open("/v1/files/" + json(uploaded).get("id").asText()
                + "/content");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(digest(download.body())).isEqualTo(digest(new PatternStream(size)));
    }

    @Test
    void appliesNoBodyReadingFilterToTheRoute() {
        Route route = open.bean(RouteLocator.class).getRoutes()
                .filter(candidate -> candidate.getId().equals(BatchConfiguration.ROUTE_ID)).blockFirst();

        assertThat(route).isNotNull();
        assertThat(route.getFilters()).map(filter -> filter instanceof OrderedGatewayFilter ordered
                ? ordered.getDelegate() : filter).singleElement().isInstanceOf(BatchApiFilter.class);
    }

    @Test
    void answers503NotA500WhenBatchServiceIsUnreachable() {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.batch.url", "http://127.0.0.1:" + MetadataService.freePort());
        try (RunningGateway orphan = RunningGateway.start(properties)) {
            HttpResponse<String> response = new BatchApiClient(orphan.baseUri()).get("/v1/files");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            assertThat(json(response).at("/error/code").asText()).isEqualTo("service_unavailable");
        }
    }

    @Test
    void answers404WhenBatchServiceIsNotConfigured() {
        try (RunningGateway plain = RunningGateway.start(RunningGateway.staticModel(0, MODEL, fleet.baseUris()))) {
            HttpResponse<String> response = new BatchApiClient(plain.baseUri()).post("/v1/batches", "{}");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("unknown_url");
            assertThat(json(response).at("/error/message").asText()).contains("batch-service is not configured");
        }
    }

    private static MetadataService.ApiKey keyFor(String user) {
        metadata.createUser(user, null, null);
        return metadata.createKey(user);
    }

    private static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        }
        catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** {@code size} bytes of a repeating pattern, generated as read. */
    private static final class PatternStream extends InputStream {

        private long remaining;

        PatternStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            return remaining-- > 0 ? (int) (remaining % 251) : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            for (int i = 0; i < n; i++) {
                target[offset + i] = (byte) (--remaining % 251);
            }
            return n;
        }
    }
}
