package io.aibrix.gateway.proxy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.aibrix.gateway.support.EngineFaults;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests for retries, circuit breaking and broken streams ({@link EndpointRoutingFilter},
 * {@link EndpointCircuitBreakers}, {@link ObservedResponse}).
 */
class ResilienceIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    @AfterEach
    void clearFaults() {
        fleet.baseUris().forEach(EngineFaults::clear);
    }

    @Test
    void retriesAConnectFailureOnAnotherEngine() {
        URI dead = EngineFaults.deadEngine();
        try (RunningGateway gateway = RunningGateway.start(RunningGateway.staticModel(0, MODEL,
                List.of(dead, fleet.engine(0).baseUri())))) {
            GatewayClient client = new GatewayClient(gateway.baseUri());

            HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "x", false, 2),
                    "routing-strategy", "session-affinity", "x-session-id", sessionId(dead));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("target-pod-ip")).hasValue(address(fleet.engine(0).baseUri()));
            assertThat(retries(gateway, "connect")).isEqualTo(1);
            awaitIdle(gateway);
        }
    }

    @Test
    void retriesAServerErrorBeforeTheFirstByteOnAnotherEngine() {
        URI failing = fleet.engine(1).baseUri();
        EngineFaults.set(failing, "{\"errorRate\":1.0,\"errorStatus\":503}");
        try (RunningGateway gateway = RunningGateway.start(RunningGateway.staticModel(0, MODEL, fleet.baseUris()))) {
            GatewayClient client = new GatewayClient(gateway.baseUri());

            for (boolean stream : new boolean[] {false, true}) {
                HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "x", stream, 2),
                        "routing-strategy", "session-affinity", "x-session-id", sessionId(failing));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("target-pod-ip"))
                        .hasValue(address(fleet.engine(0).baseUri()));
            }
            assertThat(retries(gateway, "status_503")).isEqualTo(2);
            awaitIdle(gateway);
        }
    }

    @Test
    void takesAFailingEngineOutAndProbesItBackIn() {
        URI failing = fleet.engine(1).baseUri();
        EngineFaults.set(failing, "{\"errorRate\":1.0,\"errorStatus\":500}");
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                fleet.baseUris()));
        properties.put("gateway.proxy.max-retries", "0");
        properties.put("gateway.circuit-breaker.minimum-number-of-calls", "2");
        properties.put("gateway.circuit-breaker.sliding-window-size", "4");
        properties.put("gateway.circuit-breaker.wait-in-open-state", "1s");
        properties.put("gateway.circuit-breaker.permitted-calls-in-half-open-state", "1");
        try (RunningGateway gateway = RunningGateway.start(properties)) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            String pinned = sessionId(failing);

            assertThat(pinnedStatus(client, pinned)).isEqualTo(500);
            assertThat(pinnedStatus(client, pinned)).isEqualTo(500);
            HttpResponse<String> diverted = pinned(client, pinned);
            assertThat(diverted.statusCode()).isEqualTo(200);
            assertThat(diverted.headers().firstValue("target-pod-ip")).hasValue(address(fleet.engine(0).baseUri()));
            assertThat(breakerState(gateway, failing)).isEqualTo(1.0);

            EngineFaults.clear(failing);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> address(failing).equals(pinned(client, pinned).headers()
                            .firstValue("target-pod-ip").orElse("")));
            assertThat(gateway.bean(EndpointCircuitBreakers.class).state(
                    io.aibrix.gateway.endpoint.Endpoint.of(failing.getHost(), failing.getPort())))
                    .isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void answersServiceUnavailableWhenEveryEngineIsTakenOut() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                List.of(EngineFaults.deadEngine(), EngineFaults.deadEngine())));
        properties.put("gateway.circuit-breaker.minimum-number-of-calls", "2");
        try (RunningGateway gateway = RunningGateway.start(properties)) {
            GatewayClient client = new GatewayClient(gateway.baseUri());

            HttpResponse<String> unreachable = client.post("/v1/chat/completions", chat(MODEL, "x", false, 2));
            assertThat(unreachable.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(unreachable.body()).path("error").path("code").asText())
                    .isEqualTo("upstream_unreachable");
            client.post("/v1/chat/completions", chat(MODEL, "x", false, 2));

            HttpResponse<String> unavailable = client.post("/v1/chat/completions", chat(MODEL, "x", false, 2));
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(unavailable.body()).path("error").path("message").asText())
                    .contains("circuit breakers");
            awaitIdle(gateway);
        }
    }

    @Test
    void endsABrokenStreamWithAnErrorEventTheOpenAiSdkRaises() throws Exception {
        URI engine = fleet.engine(0).baseUri();
        EngineFaults.set(engine, "{\"dropStreamAfterTokens\":3}");
        try (RunningGateway gateway = RunningGateway.start(RunningGateway.staticModel(0, MODEL, List.of(engine)))) {
            GatewayClient client = new GatewayClient(gateway.baseUri());

            List<String> lines = GatewayClient.lines(client.open("/v1/chat/completions",
                    "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                            + "\"max_tokens\":50,\"ignore_eos\":true,\"stream\":true}"));
            List<String> events = lines.stream().filter(line -> !line.isEmpty()).toList();
            JsonNode error = JSON.readTree(events.getLast().substring("data: ".length())).path("error");
            assertThat(error.path("code").asText()).isEqualTo("upstream_stream_interrupted");
            assertThat(events).doesNotContain("data: [DONE]");

            OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUri() + "/v1").apiKey("unused")
                    .maxRetries(0).build();
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("x").maxCompletionTokens(50).build();
            assertThatThrownBy(() -> {
                try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params)) {
                    stream.stream().forEach(chunk -> { });
                }
            }).hasMessageContaining("stream broke");
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.bean(InFlightRequests.class).total() == 0);
        }
    }

    private static HttpResponse<String> pinned(GatewayClient client, String sessionId) {
        return client.post("/v1/chat/completions", chat(MODEL, "x", false, 2), "routing-strategy",
                "session-affinity", "x-session-id", sessionId);
    }

    private static int pinnedStatus(GatewayClient client, String sessionId) {
        return pinned(client, sessionId).statusCode();
    }

    private static double breakerState(RunningGateway gateway, URI engine) {
        var gauge = gateway.bean(MeterRegistry.class).find("gateway.circuit.breaker.state")
                .tag("endpoint", address(engine)).tag("state", "open").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static double retries(RunningGateway gateway, String reason) {
        var counter = gateway.bean(MeterRegistry.class).find("gateway.retries").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String sessionId(URI engine) {
        return Base64.getEncoder().encodeToString(address(engine).getBytes(StandardCharsets.UTF_8));
    }

    private static String address(URI engine) {
        return engine.getHost() + ":" + engine.getPort();
    }

    private static void awaitIdle(RunningGateway gateway) {
        InFlightRequests inFlight = gateway.bean(InFlightRequests.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.total() == 0);
    }
}
