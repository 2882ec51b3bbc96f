package io.aibrix.simulator.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.MetricsPage;
import io.aibrix.simulator.support.RawHttp;
import io.aibrix.simulator.support.SseStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the simulator's test controls: start-up delay, injected errors, stalls and cut streams, client
 * disconnects, the crash switch and the step-timing report.
 */
class FaultInjectionIntegrationTests {

    private static final String CHAT = "/v1/chat/completions";
    private static final String SHORT_CHAT = """
            {"messages": [{"role": "user", "content": "hello"}], "max_tokens": 5, "ignore_eos": true}""";

    private static SimulatedEngine engine;
    private static SimulatedEngine slowEngine;
    private static EngineClient client;
    private static EngineClient slowClient;

    @BeforeAll
    static void startEngines() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        slowEngine = SimulatedEngine.start(Map.of("simulator.profile", "llama3-8b-a100"));
        client = EngineClient.of(engine);
        slowClient = EngineClient.of(slowEngine);
    }

    @AfterAll
    static void stopEngines() {
        engine.close();
        slowEngine.close();
    }

    @AfterEach
    void clearFaults() {
        assertThat(client.delete("/admin/faults").statusCode()).isEqualTo(204);
    }

    @Test
    void answersServiceUnavailableUntilTheStartupDelayHasPassed() {
        try (SimulatedEngine starting = SimulatedEngine.start(Map.of("simulator.profile", "zero",
                "simulator.startup-delay", "2s"))) {
            EngineClient http = EngineClient.of(starting);

            assertThat(http.get("/health").statusCode()).isEqualTo(503);
            HttpResponse<String> early = http.post(CHAT, SHORT_CHAT);
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(EngineClient.json(early).at("/error/code").asInt()).isEqualTo(503);

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("/health").statusCode() == 200);
            HttpResponse<String> ready = http.post(CHAT, SHORT_CHAT);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(EngineClient.json(ready).at("/usage/completion_tokens").asInt()).isEqualTo(5);
        }
    }

    @Test
    void failsInferenceWithTheInjectedStatusInTheVllmEnvelopeUntilCleared() {
        HttpResponse<String> set = client.put("/admin/faults", "{\"errorRate\": 1.0, \"errorStatus\": 503}");
        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode faults = EngineClient.json(set);
        assertThat(faults.get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(faults.get("errorStatus").asInt()).isEqualTo(503);

        HttpResponse<String> failed = client.post(CHAT, SHORT_CHAT);
        HttpResponse<String> failedCompletion = client.post("/v1/completions", "{\"prompt\": \"hi\"}");

        for (HttpResponse<String> response : List.of(failed, failedCompletion)) {
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode error = EngineClient.json(response).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(503);
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.get("type").asText()).isNotBlank();
            assertThat(error.get("param").isNull()).isTrue();
        }
        assertThat(client.get("/health").statusCode()).isEqualTo(200);

        assertThat(client.delete("/admin/faults").statusCode()).isEqualTo(204);

        assertThat(client.post(CHAT, SHORT_CHAT).statusCode()).isEqualTo(200);
        assertThat(EngineClient.json(client.get("/admin/faults")).get("errorRate").asDouble()).isZero();
    }

    @Test
    void rejectsAnInvalidFaultAsProblemDetailNamingTheValue() {
        HttpResponse<String> response = client.put("/admin/faults", "{\"errorRate\": 2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = EngineClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains("errorRate").contains("2");
        assertThat(client.post(CHAT, SHORT_CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsNegativeAndOutOfRangeFaultValuesAsProblemDetails() {
        for (String body : List.of("{\"stallMs\": -1}", "{\"extraLatencyMs\": -5}",
                "{\"dropStreamAfterTokens\": -3}", "{\"errorRate\": 0.5, \"errorStatus\": 200}")) {
            HttpResponse<String> response = client.put("/admin/faults", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void rejectsAnUnreadableFaultBodyAsProblemDetail() {
        for (String body : List.of("not json", "", "{\"errorRate\": \"high\"}")) {
            HttpResponse<String> response = client.put("/admin/faults", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = EngineClient.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asText()).as(body).isNotBlank();
        }
    }

    @Test
    void cutsAStreamWithoutDoneAfterTheConfiguredTokens() throws IOException {
        assertThat(client.put("/admin/faults", "{\"dropStreamAfterTokens\": 3}").statusCode()).isEqualTo(200);

        RawHttp.Response response = RawHttp.post(engine.baseUri(), CHAT, """
                {"messages": [{"role": "user", "content": "cut me off"}], "max_tokens": 20, "ignore_eos": true,
                 "stream": true}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.complete()).as("the chunked body ends without its final chunk").isFalse();
        assertThat(response.body()).matches("(?:data: \\{[^\\n]*\\}\\n\\n){4}").doesNotContain("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            chunks.add(EngineClient.json(frame.substring("data: ".length())));
        }
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.subList(1, 4)).allSatisfy(chunk -> {
            assertThat(chunk.at("/choices/0/delta/content").asText()).isNotBlank();
            assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
        });
    }

    @Test
    void finishesAStreamNormallyWhenItEndsBeforeTheCut() throws IOException {
        assertThat(client.put("/admin/faults", "{\"dropStreamAfterTokens\": 3}").statusCode()).isEqualTo(200);

        RawHttp.Response response = RawHttp.post(engine.baseUri(), CHAT, """
                {"messages": [{"role": "user", "content": "short"}], "max_tokens": 3, "ignore_eos": true,
                 "stream": true}""");

        assertThat(response.complete()).isTrue();
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void delaysRequestsStartedDuringAStall() {
        long before = System.nanoTime();
        assertThat(client.put("/admin/faults", "{\"stallMs\": 500}").statusCode()).isEqualTo(200);

        long sent = System.nanoTime();
        HttpResponse<String> response = client.post(CHAT, SHORT_CHAT);
        long done = System.nanoTime();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(done - before)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(done - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void addsExtraLatencyBeforeEachRequest() {
        assertThat(client.put("/admin/faults", "{\"extraLatencyMs\": 300}").statusCode()).isEqualTo(200);

        long sent = System.nanoTime();
        assertThat(client.post(CHAT, SHORT_CHAT).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void abortsTheRequestWhenTheClientDisconnectsMidStream() throws IOException {
        double abortsBefore = slowClient.metrics().value("vllm:request_success_total", "finished_reason", "abort");
        double lengthBefore = slowClient.metrics().value("vllm:request_success_total", "finished_reason", "length");

        try (SseStream stream = slowClient.postStream(CHAT, """
                {"messages": [{"role": "user", "content": "a long answer please"}], "max_tokens": 4000,
                 "ignore_eos": true, "stream": true}""")) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.next()).contains("\"role\":\"assistant\"");
            assertThat(stream.next()).contains("\"content\"");
            assertThat(slowClient.metrics().value("vllm:num_requests_running")).isEqualTo(1.0);
        }

        awaitAborted(abortsBefore + 1);
        assertThat(slowClient.metrics().value("vllm:request_success_total", "finished_reason", "length"))
                .isEqualTo(lengthBefore);
    }

    @Test
    void abortsANonStreamedRequestWhenTheClientGoesAway() {
        double abortsBefore = slowClient.metrics().value("vllm:request_success_total", "finished_reason", "abort");
        CompletableFuture<HttpResponse<String>> pending = slowClient.postAsync(CHAT, """
                {"messages": [{"role": "user", "content": "a long quiet answer"}], "max_tokens": 4000,
                 "ignore_eos": true}""");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(
                () -> assertThat(slowClient.metrics().value("vllm:num_requests_running")).isEqualTo(1.0));

        pending.cancel(true);

        awaitAborted(abortsBefore + 1);
    }

    @Test
    void stopsServingAfterACrash() {
        SimulatedEngine doomed = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        try {
            EngineClient http = EngineClient.of(doomed);
            assertThat(http.get("/health").statusCode()).isEqualTo(200);

            HttpResponse<String> crash = http.post("/admin/crash", "");

            assertThat(crash.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> healthIsDown(http));
            await().atMost(Duration.ofSeconds(5)).until(() -> !doomed.isRunning());
            assertThat(healthIsDown(http)).isTrue();
        } finally {
            doomed.close();
        }
    }

    @Test
    void crashingOneEngineLeavesTheOtherEnginesInTheJvmServing() {
        try (SimulatedEngine doomed = SimulatedEngine.start(Map.of("simulator.profile", "zero"))) {
            EngineClient http = EngineClient.of(doomed);
            assertThat(http.post("/admin/crash", "").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).until(() -> !doomed.isRunning());
        }

        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        assertThat(client.post(CHAT, SHORT_CHAT).statusCode()).isEqualTo(200);
        assertThat(slowClient.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void reportsAndResetsStepTimingStatistics() {
        assertThat(client.post(CHAT, SHORT_CHAT).statusCode()).isEqualTo(200);

        JsonNode stats = EngineClient.json(client.get("/admin/step-stats"));

        assertThat(stats.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("steps",
                "modelledMsMean", "measuredMsMean", "absErrorMsMean", "absErrorMsP50", "absErrorMsP99",
                "absErrorMsMax", "withinToleranceRatio");
        assertThat(stats.get("steps").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(stats.get("measuredMsMean").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(stats.get("absErrorMsP50").asDouble()).isLessThanOrEqualTo(stats.get("absErrorMsP99").asDouble());
        assertThat(stats.get("absErrorMsP99").asDouble()).isLessThanOrEqualTo(stats.get("absErrorMsMax").asDouble());
        assertThat(stats.get("withinToleranceRatio").asDouble()).isBetween(0.0, 1.0);

        assertThat(client.post("/admin/step-stats/reset", "").statusCode()).isEqualTo(204);

        JsonNode reset = EngineClient.json(client.get("/admin/step-stats"));
        assertThat(reset.get("steps").asLong()).isZero();
        assertThat(reset.get("absErrorMsMax").asDouble()).isZero();
    }

    private static void awaitAborted(double aborts) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            MetricsPage page = slowClient.metrics();
            assertThat(page.value("vllm:request_success_total", "finished_reason", "abort")).isEqualTo(aborts);
            assertThat(page.value("vllm:num_requests_running")).isZero();
            assertThat(page.value("vllm:num_requests_waiting")).isZero();
            assertThat(page.value("vllm:kv_cache_usage_perc")).isZero();
        });
    }

    private static boolean healthIsDown(EngineClient http) {
        try {
            return http.get("/health").statusCode() == 503;
        } catch (UncheckedIOException e) {
            return true;
        }
    }
}
