package io.aibrix.gateway.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.gateway.support.StubEngine;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the inference pipeline ({@link InferenceExchangeFilter}, {@link EndpointRoutingFilter},
 * {@link ObservedResponse}) against real simulated engines and a scripted stub engine.
 */
class InferenceProxyIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String ADAPTER = "sql-lora";
    private static final String STUB_MODEL = "stub-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(3)
            .property("simulator.profile", "zero")
            .property("simulator.lora.adapters.sql-lora", "yard1/llama-2-7b-sql-lora-test")
            .build();

    private static StubEngine stub;
    private static RunningGateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void startGateway() {
        stub = new StubEngine();
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.putAll(RunningGateway.staticModel(1, ADAPTER, List.of(fleet.engine(0).baseUri())));
        properties.putAll(RunningGateway.staticModel(2, STUB_MODEL, List.of(stub.baseUri())));
        properties.put("gateway.proxy.max-body-size", "64KB");
        gateway = RunningGateway.start(properties);
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        stub.close();
    }

    @Test
    void answersChatCompletionFromAnEngineWithRoutingHeaders() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "hello there", false, 8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isBetween(1, 8);
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id)
                .matches("[0-9a-f]{32}"));
        assertThat(response.headers().firstValue("routing-strategy")).hasValue("least-request");
        assertThat(response.headers().firstValue("target-pod")).hasValueSatisfying(pod -> assertThat(engineAddresses())
                .contains(pod));
    }

    @Test
    void relaysStreamedChatChunkByChunkEndingWithDone() throws Exception {
        HttpResponse<InputStream> response = client.open("/v1/chat/completions", chat(MODEL, "stream me", true, 6));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/event-stream"));
        List<String> events = GatewayClient.lines(response).stream().filter(line -> !line.isEmpty()).toList();
        assertThat(events).allMatch(line -> line.startsWith("data: "));
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        JsonNode usage = JSON.readTree(events.get(events.size() - 2).substring(6)).path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isBetween(1, 6);
    }

    @Test
    void answersCompletionsAndEmbeddings() throws Exception {
        HttpResponse<String> completion = client.post("/v1/completions",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"once upon a time\",\"max_tokens\":4}");
        HttpResponse<String> embedding = client.post("/v1/embeddings",
                "{\"model\":\"" + MODEL + "\",\"input\":\"a b c\"}");

        assertThat(completion.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(completion.body()).path("object").asText()).isEqualTo("text_completion");
        assertThat(embedding.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(embedding.body()).path("data")).hasSize(1);
    }

    @Test
    void routesAdapterRequestsOnlyToEnginesServingTheAdapter() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = client.post("/v1/chat/completions", chat(ADAPTER, "select", false, 2));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("target-pod"))
                    .hasValue("127.0.0.1:" + fleet.engine(0).port());
        }
    }

    @Test
    void listsTheUnionOfServedModelsInTheOpenAiShape() throws Exception {
        JsonNode list = JSON.readTree(client.get("/v1/models").body());

        assertThat(list.path("object").asText()).isEqualTo("list");
        Set<String> ids = new HashSet<>();
        list.path("data").forEach(model -> {
            assertThat(model.path("object").asText()).isEqualTo("model");
            ids.add(model.path("id").asText());
        });
        assertThat(ids).containsExactlyInAnyOrder(MODEL, ADAPTER, STUB_MODEL);
        assertThat(client.get("/v1/models/" + MODEL).statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void forwardsTheRequestBodyByteForByteWithTheRequestId() {
        stub.replying(200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}");
        String body = "{ \"model\" : \"" + STUB_MODEL + "\",\n \"messages\":[{\"role\":\"user\",\"content\":"
                + "\"h\u00e9llo \\u00e9 \\\"quoted\\\"\"}], \"unknown_field\": {\"nested\": [1, 2.50, null]} }";

        HttpResponse<String> response = client.post("/v1/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(200);
        StubEngine.Received received = stub.inferenceRequests().getLast();
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.headers().get("X-request-id")).containsExactly(
                response.headers().firstValue("request-id").orElseThrow());
    }

    static Stream<Arguments> clientMistakes() {
        String big = "x".repeat(70 * 1024);
        return Stream.of(
                Arguments.of("/v1/chat/completions", "{\"model\": ", 400, null, "JSON"),
                Arguments.of("/v1/chat/completions", "[1,2]", 400, null, "object"),
                Arguments.of("/v1/chat/completions", "", 400, null, ""),
                Arguments.of("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400,
                        "model", "model"),
                Arguments.of("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[]}", 400,
                        "messages", "messages"),
                Arguments.of("/v1/completions", "{\"model\":\"" + MODEL + "\",\"prompt\":\"\"}", 400, "prompt",
                        "prompt"),
                Arguments.of("/v1/embeddings", "{\"model\":\"" + MODEL + "\"}", 400, "input", "input"),
                Arguments.of("/v1/chat/completions", chat(MODEL, big, false, 1), 413, null, "65536"),
                Arguments.of("/v1/chat/completions", chat("no-such-model", "x", false, 1), 404, "model",
                        "no-such-model"));
    }

    @ParameterizedTest
    @MethodSource("clientMistakes")
    void answersClientMistakesWithAnOpenAiErrorNamingTheProblem(String path, String body, int status, String param,
            String mentioned) throws Exception {
        HttpResponse<String> response = client.post(path, body);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains(mentioned);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (param == null) {
            assertThat(error.path("param").isNull()).isTrue();
        }
        else {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        assertThat(response.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void answersUnknownModelWithModelNotFound() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat("gpt-9", "x", false, 1));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void rejectsUnknownRoutingStrategyListingTheValidOnes() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "x", false, 1),
                "routing-strategy", "fastest-please");

        assertThat(response.statusCode()).isEqualTo(400);
        String message = JSON.readTree(response.body()).path("error").path("message").asText();
        assertThat(message).contains("fastest-please").contains("least-request").contains("session-affinity");
    }

    @Test
    void rejectsMalformedWeightedStrategy() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "x", false, 1),
                "routing-strategy", "least-request:1.5,least-kv-cache");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("1.5");
    }

    @Test
    void answersUnknownV1PathsAndWrongMethodsInTheOpenAiShape() throws Exception {
        HttpResponse<String> unknown = client.post("/v1/chat/complete", chat(MODEL, "x", false, 1));
        HttpResponse<String> wrongMethod = client.get("/v1/chat/completions");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText())
                .isEqualTo("Invalid URL (POST /v1/chat/complete)");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
    }

    static Stream<String> strategies() {
        return Stream.concat(gatewayStrategies().stream(), Stream.of("least-request:2,least-kv-cache",
                "least-latency,throughput:3,session-affinity"));
    }

    private static List<String> gatewayStrategies() {
        return gateway.bean(RoutingStrategyRegistry.class).names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void routesWithEveryStrategyToAnEngineServingTheModel(String strategy) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, "route me", stream, 3),
                    "routing-strategy", strategy);

            assertThat(response.statusCode()).as(strategy).isEqualTo(200);
            assertThat(response.headers().firstValue("routing-strategy")).hasValue(strategy);
            assertThat(response.headers().firstValue("target-pod")).hasValueSatisfying(pod ->
                    assertThat(engineAddresses()).contains(pod));
        }
    }

    @Test
    void keepsASessionOnTheEngineItsSessionIdNames() {
        HttpResponse<String> first = client.post("/v1/chat/completions", chat(MODEL, "turn one", false, 2),
                "routing-strategy", "session-affinity");
        String sessionId = first.headers().firstValue("x-session-id").orElseThrow();
        String pod = first.headers().firstValue("target-pod").orElseThrow();

        for (int turn = 0; turn < 6; turn++) {
            HttpResponse<String> next = client.post("/v1/chat/completions", chat(MODEL, "turn " + turn, false, 2),
                    "routing-strategy", "session-affinity", "x-session-id", sessionId);
            assertThat(next.headers().firstValue("target-pod")).hasValue(pod);
            assertThat(next.headers().firstValue("x-session-id")).hasValue(sessionId);
        }
    }

    @Test
    void hashesSessionKeysToTheSameEngine() {
        Set<String> pods = new HashSet<>();
        for (int turn = 0; turn < 6; turn++) {
            pods.add(client.post("/v1/chat/completions", chat(MODEL, "turn " + turn, false, 2),
                    "routing-strategy", "session-affinity", "x-aibrix-session-key", "conversation-42")
                    .headers().firstValue("target-pod").orElseThrow());
        }
        assertThat(pods).hasSize(1);
    }

    @Test
    void wrapsAFlatUpstreamErrorOnceAndPassesANestedOneThrough() throws Exception {
        stub.replying(400, "application/json",
                "{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\","
                        + "\"param\":\"max_tokens\",\"code\":400}");
        HttpResponse<String> flat = client.post("/v1/chat/completions", chat(STUB_MODEL, "x", false, 1));
        String nested = "{\"error\":{\"message\":\"nope\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"x\"}}";
        stub.replying(422, "application/json", nested);
        HttpResponse<String> passthrough = client.post("/v1/chat/completions", chat(STUB_MODEL, "x", false, 1));

        assertThat(flat.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(flat.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("max_tokens is too large");
        assertThat(error.path("param").asText()).isEqualTo("max_tokens");
        assertThat(error.path("error").isMissingNode()).isTrue();
        assertThat(passthrough.statusCode()).isEqualTo(422);
        assertThat(passthrough.body()).isEqualTo(nested);
    }

    @Test
    void turnsANonJsonUpstreamErrorIntoTheEnvelope() throws Exception {
        stub.replying(500, "text/html", "<html>upstream exploded</html>");

        HttpResponse<String> response = client.post("/v1/chat/completions", chat(STUB_MODEL, "x", false, 1));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("upstream exploded");
    }

    @Test
    void servesHealthProbesAndPrometheusMetrics() {
        assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        client.post("/v1/chat/completions", chat(MODEL, "count me", false, 2));

        String page = client.get("/actuator/prometheus").body();

        assertThat(page).contains("gateway_requests_total{model=\"llama3-8b\",outcome=\"success\",status=\"200\"}")
                .contains("gateway_request_duration_seconds_bucket")
                .contains("gateway_endpoint_in_flight_requests")
                .contains("gateway_routing_duration_seconds");
    }

    private static Set<String> engineAddresses() {
        Set<String> addresses = new HashSet<>();
        for (URI uri : fleet.baseUris()) {
            addresses.add(uri.getHost() + ":" + uri.getPort());
        }
        return addresses;
    }

}
