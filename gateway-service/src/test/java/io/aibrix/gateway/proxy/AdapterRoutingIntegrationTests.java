package io.aibrix.gateway.proxy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.MetadataService;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a request naming a LoRA adapter goes only to the engines where the adapter is loaded: two simulated
 * engines, the adapter loaded on one of them, both registered in the real metadata-service whose registry adds the
 * adapter to the engines in its status {@code instances}, and the gateway discovering them from that registry.
 */
class AdapterRoutingIntegrationTests {

    private static final String BASE_MODEL = "llama3-8b";
    private static final String ADAPTER = "sql-lora";

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    @Test
    void sendsEveryRequestForAnAdapterToTheEngineThatHasItLoaded() throws Exception {
        MetadataService metadata = MetadataService.shared();
        URI withAdapter = fleet.baseUris().get(1);
        loadAdapter(withAdapter);
        for (int i = 0; i < 2; i++) {
            URI engine = fleet.baseUris().get(i);
            expect(201, metadata.admin("PUT", "/internal/v1/engines/adapter-engine-" + i, Map.of("host",
                    engine.getHost(), "port", engine.getPort(), "models", List.of(BASE_MODEL))));
        }
        expect(201, metadata.admin("POST", "/admin/v1/models", Map.of("name", BASE_MODEL)));
        expect(201, metadata.admin("POST", "/admin/v1/adapters", Map.of("name", ADAPTER, "baseModel", BASE_MODEL,
                "artifactUrl", "hf://yard1/llama-2-7b-sql-lora-test")));
        for (String phase : List.of("Scheduled", "Loading")) {
            expect(200, metadata.admin("PATCH", "/admin/v1/adapters/" + ADAPTER + "/status", Map.of("phase", phase)));
        }
        expect(200, metadata.admin("PUT", "/admin/v1/adapters/" + ADAPTER + "/status", Map.of("phase", "Running",
                "instances", List.of("adapter-engine-1"))));

        try (RunningGateway gateway = RunningGateway.start(Map.of("gateway.discovery.source", "metadata",
                "gateway.discovery.metadata.base-url", metadata.baseUri().toString(),
                "gateway.discovery.metadata.poll-interval", "200ms"))) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.post("/v1/chat/completions",
                    chat(ADAPTER, "ready?", false, 2)).statusCode() == 200);

            Set<String> adapterTargets = new HashSet<>();
            for (String strategy : List.of("random", "least-request", "prefix-cache", "power-of-two")) {
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> response = client.post("/v1/chat/completions",
                            chat(ADAPTER, "select a row " + i, i % 2 == 0, 4), "routing-strategy", strategy);
                    assertThat(response.statusCode()).isEqualTo(200);
                    adapterTargets.add(response.headers().firstValue("target-pod-ip").orElseThrow());
                }
            }
            Set<String> baseTargets = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = client.post("/v1/chat/completions", chat(BASE_MODEL, "hi " + i,
                        false, 2), "routing-strategy", "random");
                assertThat(response.statusCode()).isEqualTo(200);
                baseTargets.add(response.headers().firstValue("target-pod-ip").orElseThrow());
            }
            HttpResponse<String> unknown = client.post("/v1/chat/completions", chat("other-lora", "hi", false, 2));

            assertThat(adapterTargets).containsExactly(withAdapter.getHost() + ":" + withAdapter.getPort());
            assertThat(baseTargets).hasSize(2);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"code\":\"model_not_found\"");
        }
    }

    private static void loadAdapter(URI engine) throws Exception {
        HttpResponse<String> response = new GatewayClient(engine).send(HttpRequest.newBuilder(
                engine.resolve("/v1/load_lora_adapter"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(Map.of(
                        "lora_name", ADAPTER, "lora_path", "yard1/llama-2-7b-sql-lora-test"))))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static void expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(status);
    }
}
