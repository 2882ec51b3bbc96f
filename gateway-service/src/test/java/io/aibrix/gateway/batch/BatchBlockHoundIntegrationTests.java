package io.aibrix.gateway.batch;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.support.BatchApiClient;
import io.aibrix.gateway.support.BatchService;
import io.aibrix.gateway.support.GatewayBlockHound;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static io.aibrix.gateway.support.BatchApiClient.chatLine;
import static io.aibrix.gateway.support.BatchApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BatchApiFilter} with BlockHound installed: uploads, a batch run and downloads through the gateway
 * block no event loop. Its own JVM, like every {@code *BlockHoundIntegrationTests}; blocking calls are recorded only
 * when the stack passes through gateway code (the simulated engine shares this JVM).
 */
class BatchBlockHoundIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final List<String> violations = GatewayBlockHound.violations();

    static {
        GatewayBlockHound.install();
    }

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "zero")
            .build();

    private static BatchService batchService;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        batchService = BatchService.start(postgres.springProperties("gateway_batch_blockhound"), fleet.baseUris());
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.batch.url", batchService.baseUri().toString());
        gateway = RunningGateway.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        batchService.close();
    }

    @Test
    void uploadsRunsAndDownloadsWithoutBlockingAnEventLoop() throws Exception {
        Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block();
        assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("sleep"));
        violations.clear();
        BatchApiClient client = new BatchApiClient(gateway.baseUri(), "x-aibrix-user", "blockhound");

        byte[] lines = (chatLine("one", MODEL) + chatLine("two", MODEL)).getBytes(StandardCharsets.UTF_8);
        String fileId = json(client.upload("input.jsonl", "batch", lines)).get("id").asText();
        String batchId = json(client.post("/v1/batches", "{\"input_file_id\":\"" + fileId
                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")).get("id").asText();
        String outputId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(client.get("/v1/batches/" + batchId)),
                        batch -> batch.get("status").asText().equals("completed"))
                .get("output_file_id").asText();
        HttpResponse<InputStream> output = client.open("/v1/files/" + outputId + "/content");
        try (InputStream body = output.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        client.get("/v1/files");
        new BatchApiClient(gateway.baseUri(), "x-aibrix-user", "someone-else").get("/v1/files/" + fileId);

        assertThat(output.statusCode()).isEqualTo(200);
        assertThat(violations).isEmpty();
    }
}
