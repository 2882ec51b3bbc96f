package io.aibrix.gateway.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.gateway.support.EngineFaults;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code pd} routing ({@link io.aibrix.gateway.pd.PdPrefillFilter} between {@link InferenceExchangeFilter}
 * and {@link EndpointRoutingFilter}) through a real gateway against one prefill and two decode simulated A100 engines.
 */
class PdRoutingIntegrationTests {

    private static final String MODEL = "llama3-8b";

    /** A model served by decode engines only: no P/D pair. */
    private static final String DECODE_ONLY = "decode-only";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** About 3,000 prompt tokens: a cold prefill of this takes the A100 profile about 0.2 s. */
    private static final int PROMPT_WORDS = 3_000;

    private static final int MAX_TOKENS = 20;

    @RegisterExtension
    static final EngineFleetExtension prefillFleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.role", "prefill")
            .build();

    @RegisterExtension
    static final EngineFleetExtension decodeFleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.role", "decode")
            .build();

    private static RunningGateway gateway;

    private static GatewayClient client;

    /** Seeds each prompt differently (JUnit makes a test instance per test method). */
    private static final AtomicInteger PROMPTS = new AtomicInteger();

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start(pdModels(prefillFleet.baseUris()));
        client = new GatewayClient(gateway.baseUri());
        // Warms the engines' and the gateway's code paths up, so the first measured request is not the JIT's.
        for (int i = 0; i < 4; i++) {
            client.post("/v1/completions", completion("warm up " + i, 2), "routing-strategy", "pd");
        }
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void prefillsOnThePrefillEngineThenStreamsTheAnswerFromADecodeEngine() throws Exception {
        URI prefill = prefillFleet.baseUris().getFirst();
        EngineCounters prefillBefore = EngineCounters.of(prefill);
        Map<URI, EngineCounters> decodeBefore = decodeCounters();

        HttpResponse<InputStream> response = client.open("/v1/chat/completions", chat(prompt(), true),
                "routing-strategy", "pd");
        List<String> lines = GatewayClient.lines(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-aibrix-pd-mode")).hasValue("disaggregated");
        assertThat(response.headers().firstValue("x-aibrix-prefill-pod-ip")).hasValue(prefill.getAuthority());
        URI decode = decodeEngine(response.headers().firstValue("target-pod-ip").orElseThrow());
        assertThat(lines).contains("data: [DONE]");
        assertThat(usage(lines).path("completion_tokens").asInt()).isEqualTo(MAX_TOKENS);
        assertThat(usage(lines).path("prompt_tokens").asInt()).isGreaterThan(PROMPT_WORDS);
        assertTransferred(prefill, prefillBefore, decode, decodeBefore.get(decode));
    }

    @Test
    void prefillsOnThePrefillEngineThenAnswersWholeFromADecodeEngine() throws Exception {
        URI prefill = prefillFleet.baseUris().getFirst();
        EngineCounters prefillBefore = EngineCounters.of(prefill);
        Map<URI, EngineCounters> decodeBefore = decodeCounters();

        HttpResponse<String> response = client.post("/v1/chat/completions", chat(prompt(), false),
                "routing-strategy", "pd");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-aibrix-pd-mode")).hasValue("disaggregated");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("choices").path(0).path("message").path("content").asText()).isNotBlank();
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(MAX_TOKENS);
        assertThat(body.path("kv_transfer_params").isObject()).isFalse();
        URI decode = decodeEngine(response.headers().firstValue("target-pod-ip").orElseThrow());
        assertTransferred(prefill, prefillBefore, decode, decodeBefore.get(decode));
    }

    @Test
    void spreadsDecodesOverBothDecodeEnginesAndCountsThePairs() {
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.post("/v1/completions", completion(prompt(), 2),
                    "routing-strategy", "pd");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        assertThat(meters.find("gateway.pd.pairs").counters())
            .extracting(counter -> counter.getId().getTag("decode"))
            .containsExactlyInAnyOrderElementsOf(decodeFleet.baseUris().stream().map(URI::getAuthority).toList());
        assertThat(meters.get("gateway.pd.prefill.duration").tag("outcome", "success").timer().count())
            .isGreaterThanOrEqualTo(6);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.bean(InFlightRequests.class).total() == 0);
    }

    @Test
    void fallsBackToAWholeRequestOnADecodeEngineWhenThePrefillEngineIsDead() throws Exception {
        try (RunningGateway deadPrefill = RunningGateway.start(pdModels(List.of(EngineFaults.deadEngine())))) {
            GatewayClient deadClient = new GatewayClient(deadPrefill.baseUri());
            Map<URI, EngineCounters> decodeBefore = decodeCounters();

            HttpResponse<InputStream> response = deadClient.open("/v1/chat/completions", chat(prompt(), true),
                    "routing-strategy", "pd");
            List<String> lines = GatewayClient.lines(response);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-aibrix-pd-mode")).hasValue("fallback");
            assertThat(response.headers().firstValue("x-aibrix-prefill-pod")).isEmpty();
            assertThat(usage(lines).path("completion_tokens").asInt()).isEqualTo(MAX_TOKENS);
            URI decode = decodeEngine(response.headers().firstValue("target-pod-ip").orElseThrow());
            EngineCounters decoded = EngineCounters.of(decode).minus(decodeBefore.get(decode));
            // The modelled cold prefill of this prompt takes about 0.2 s; a transfer would take a fraction of it.
            assertThat(decoded.ttftSeconds()).as("the decode engine prefilled the whole prompt itself")
                .isGreaterThan(0.1);
            MeterRegistry meters = deadPrefill.bean(MeterRegistry.class);
            assertThat(meters.get("gateway.pd.prefill.fallbacks").tag("reason", "connect").counter().count())
                .isEqualTo(1);
            assertThat(meters.get("gateway.pd.requests").tag("mode", "fallback").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void answers503NamingTheMissingPrefillRole() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat(DECODE_ONLY, "hello", false),
                "routing-strategy", "pd");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).startsWith("No usable prefill engine serves model 'decode-only'");
        assertThat(error.path("code").asText()).isEqualTo("service_unavailable");
    }

    @Test
    void refusesPdInAWeightedCombinationNamingIt() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", chat("hello", false),
                "routing-strategy", "pd:1,least-request:1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("'pd'");
    }

    @Test
    void answersTheDebugHeaderWithPrefillAndDecodeScores() {
        HttpResponse<String> response = client.post("/v1/completions", completion("a short prompt", 2),
                "routing-strategy", "pd", "x-aibrix-routing-debug", "true");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-aibrix-pd-prefill-scores").orElseThrow())
            .startsWith(prefillFleet.baseUris().getFirst().getAuthority() + "=");
        String chosen = response.headers().firstValue("target-pod-ip").orElseThrow();
        assertThat(response.headers().firstValue("x-aibrix-pd-decode-scores").orElseThrow())
            .startsWith(chosen + "=")
            .contains(decodeFleet.baseUris().stream().map(URI::getAuthority).toList());
    }

    /**
     * The prefill engine generated exactly one token for the prompt, and the decode engine the answer, without
     * computing the transferred prompt: its time to first token is far below the prefill engine's cold prefill.
     */
    private static void assertTransferred(URI prefill, EngineCounters prefillBefore, URI decode,
            EngineCounters decodeBefore) {
        EngineCounters prefilled = EngineCounters.of(prefill).minus(prefillBefore);
        EngineCounters decoded = EngineCounters.of(decode).minus(decodeBefore);
        assertThat(prefilled.requests()).isEqualTo(1);
        assertThat(prefilled.generationTokens()).isEqualTo(1);
        assertThat(prefilled.promptTokens()).isGreaterThan(PROMPT_WORDS);
        assertThat(decoded.requests()).isEqualTo(1);
        assertThat(decoded.generationTokens()).isEqualTo(MAX_TOKENS);
        assertThat(decoded.ttftSeconds()).as("decode TTFT against a cold prefill of %.3f s", prefilled.ttftSeconds())
            .isLessThan(prefilled.ttftSeconds() * 0.5);
    }

    private static Map<String, String> pdModels(List<URI> prefill) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.discovery.source", "static");
        properties.put("gateway.discovery.static.models[0].name", MODEL);
        properties.put("gateway.discovery.static.models[0].prefill", join(prefill));
        properties.put("gateway.discovery.static.models[0].decode", join(decodeFleet.baseUris()));
        properties.put("gateway.discovery.static.models[1].name", DECODE_ONLY);
        properties.put("gateway.discovery.static.models[1].decode", join(decodeFleet.baseUris()));
        return properties;
    }

    private static String join(List<URI> engines) {
        return engines.stream().map(URI::getAuthority).collect(Collectors.joining(","));
    }

    private static Map<URI, EngineCounters> decodeCounters() {
        Map<URI, EngineCounters> counters = new LinkedHashMap<>();
        decodeFleet.baseUris().forEach(engine -> counters.put(engine, EngineCounters.of(engine)));
        return counters;
    }

    private static URI decodeEngine(String address) {
        return decodeFleet.baseUris().stream().filter(uri -> uri.getAuthority().equals(address)).findFirst()
            .orElseThrow(() -> new AssertionError(address + " is not a decode engine"));
    }

    private static JsonNode usage(List<String> lines) throws Exception {
        for (String line : lines.reversed()) {
            if (line.startsWith("data: {") && line.contains("\"usage\"")) {
                JsonNode usage = JSON.readTree(line.substring(6)).path("usage");
                if (usage.isObject()) {
                    return usage;
                }
            }
        }
        throw new AssertionError("no usage in " + lines);
    }

    /** Distinct pseudo-words, so no prompt shares a cached prefix with another. */
    private static String prompt() {
        SplittableRandom random = new SplittableRandom(PROMPTS.incrementAndGet());
        StringBuilder text = new StringBuilder(PROMPT_WORDS * 8);
        for (int i = 0; i < PROMPT_WORDS; i++) {
            text.append('w').append(random.nextInt(10_000_000)).append(' ');
        }
        return text.toString().strip();
    }

    private static String chat(String content, boolean stream) {
        return chat(MODEL, content, stream);
    }

    private static String chat(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content
                + "\"}],\"stream\":" + stream + ",\"max_tokens\":" + MAX_TOKENS + ",\"ignore_eos\":true"
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    private static String completion(String prompt, int maxTokens) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens
                + ",\"ignore_eos\":true}";
    }

    /** An engine's cumulative counters from its Prometheus page. */
    private record EngineCounters(double requests, double promptTokens, double generationTokens, double ttftSum,
            double ttftCount) {

        static EngineCounters of(URI engine) {
            String page = new GatewayClient(engine).send(HttpRequest.newBuilder(engine.resolve("/metrics")).GET()
                .build()).body();
            return new EngineCounters(sum(page, "vllm:request_success_total"), sum(page, "vllm:prompt_tokens_total"),
                    sum(page, "vllm:generation_tokens_total"), sum(page, "vllm:time_to_first_token_seconds_sum"),
                    sum(page, "vllm:time_to_first_token_seconds_count"));
        }

        EngineCounters minus(EngineCounters before) {
            return new EngineCounters(requests - before.requests, promptTokens - before.promptTokens,
                    generationTokens - before.generationTokens, ttftSum - before.ttftSum,
                    ttftCount - before.ttftCount);
        }

        double ttftSeconds() {
            return ttftSum / ttftCount;
        }

        private static double sum(String page, String name) {
            double total = 0;
            for (String line : page.split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        }
    }
}
