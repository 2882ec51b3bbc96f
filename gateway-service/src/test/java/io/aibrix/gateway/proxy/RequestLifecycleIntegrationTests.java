package io.aibrix.gateway.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.gateway.support.EngineFaults;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the request lifecycle ({@link InferenceExchange}, {@link InFlightRequests}): every way a request can end
 * brings the engine's in-flight count back down exactly once and is counted once.
 */
class RequestLifecycleIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "llama3-8b-a100")
            .build();

    private static RunningGateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @AfterEach
    void clearFaults() {
        fleet.baseUris().forEach(EngineFaults::clear);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.bean(InFlightRequests.class).total() == 0);
    }

    @Test
    void countsConcurrentRequestsWhileTheyRunAndReleasesThemAfterSuccess() {
        InFlightRequests inFlight = gateway.bean(InFlightRequests.class);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> client.post("/v1/chat/completions",
                    "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],"
                            + "\"max_tokens\":40,\"ignore_eos\":true}")));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() >= 4);
        calls.forEach(call -> assertThat(call.join().statusCode()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() == 0);
        assertThat(inFlight.countForModel(MODEL)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("200", "success") >= 6);
    }

    @Test
    void releasesTheCountWhenEveryEngineAnswersWithAnError() {
        fleet.baseUris().forEach(engine -> EngineFaults.set(engine, "{\"errorRate\":1.0,\"errorStatus\":500}"));
        double before = requests("500", "upstream_error");

        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "fail", false, 4));

        assertThat(response.statusCode()).isEqualTo(500);
        awaitIdle(gateway);
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("500", "upstream_error") == before + 1);
    }

    @Test
    void releasesTheCountAndCancelsTheEngineWhenTheClientDisconnectsMidStream() throws Exception {
        double before = requests("499", "cancelled");
        java.net.Socket socket = client.openRaw("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"long\"}],"
                        + "\"max_tokens\":2000,\"ignore_eos\":true,\"stream\":true}");
        assertThat(gateway.bean(InFlightRequests.class).total()).isEqualTo(1);
        List<URI> engines = fleet.baseUris();

        socket.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.bean(InFlightRequests.class).total() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("499", "cancelled") == before + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> engines.stream().mapToDouble(EngineFaults::running)
                .sum() == 0);
    }

    @Test
    void answersASlowEngineWithATimeoutAndReleasesTheCount() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                fleet.baseUris()));
        properties.put("gateway.proxy.request-timeout", "400ms");
        fleet.baseUris().forEach(engine -> EngineFaults.set(engine, "{\"extraLatencyMs\":3000}"));
        try (RunningGateway impatient = RunningGateway.start(properties)) {
            GatewayClient impatientClient = new GatewayClient(impatient.baseUri());

            HttpResponse<String> response = impatientClient.post("/v1/chat/completions", chat(MODEL, "x", false, 4));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(JSON.readTree(response.body()).path("error").path("type").asText()).isEqualTo("timeout_error");
            awaitIdle(impatient);
        }
    }

    @Test
    void endsAStreamThatOutlivesTheTimeoutWithAnErrorEvent() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                fleet.baseUris()));
        properties.put("gateway.proxy.request-timeout", "700ms");
        try (RunningGateway impatient = RunningGateway.start(properties)) {
            GatewayClient impatientClient = new GatewayClient(impatient.baseUri());

            List<String> lines = GatewayClient.lines(impatientClient.open("/v1/chat/completions",
                    "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"long\"}],"
                            + "\"max_tokens\":2000,\"ignore_eos\":true,\"stream\":true}"));

            String last = lines.stream().filter(line -> !line.isEmpty()).toList().getLast();
            JsonNode error = JSON.readTree(last.substring("data: ".length())).path("error");
            assertThat(error.path("code").asText()).isEqualTo("timeout");
            awaitIdle(impatient);
        }
    }

    @Test
    void drainsRunningStreamsOnGracefulShutdown() throws Exception {
        RunningGateway closing = RunningGateway.start(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        InFlightRequests inFlight = closing.bean(InFlightRequests.class);
        HttpResponse<InputStream> response = new GatewayClient(closing.baseUri()).open("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"drain\"}],"
                        + "\"max_tokens\":60,\"ignore_eos\":true,\"stream\":true}");
        assertThat(inFlight.total()).isEqualTo(1);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(closing::close);
        List<String> lines = GatewayClient.lines(response);
        shutdown.join();

        assertThat(lines).contains("data: [DONE]");
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() == 0);
    }

    @Test
    void releasesStreamsCutByTheEndOfTheDrain() {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                fleet.baseUris()));
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "300ms");
        RunningGateway closing = RunningGateway.start(properties);
        InFlightRequests inFlight = closing.bean(InFlightRequests.class);
        HttpResponse<InputStream> response = new GatewayClient(closing.baseUri()).open("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"cut\"}],"
                        + "\"max_tokens\":3000,\"ignore_eos\":true,\"stream\":true}");

        closing.close();
        List<String> lines = GatewayClient.lines(response);

        assertThat(lines).doesNotContain("data: [DONE]");
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() == 0);
    }

    private static double requests(String status, String outcome) {
        var counter = gateway.bean(MeterRegistry.class).find("gateway.requests").tag("model", MODEL)
                .tag("status", status).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitIdle(RunningGateway gateway) {
        InFlightRequests inFlight = gateway.bean(InFlightRequests.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() == 0);
    }
}
