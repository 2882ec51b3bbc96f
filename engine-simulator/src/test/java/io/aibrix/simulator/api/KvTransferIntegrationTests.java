package io.aibrix.simulator.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.SseStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests, through HTTP only, for prefill/decode disaggregation: a prefill engine answers {@code kv_transfer_params}
 * after one token, a decode engine given them skips the transferred prefill, roles and malformed params behave as
 * vLLM's NixlConnector does. Timed on the A100 profile, where a 3,000-token prefill is about 190 ms.
 */
class KvTransferIntegrationTests {

    private static final String DO_REMOTE_DECODE = "{\"do_remote_decode\":true,\"do_remote_prefill\":false,"
            + "\"remote_engine_id\":null,\"remote_block_ids\":null,\"remote_host\":null,\"remote_port\":null}";

    private static SimulatedEngine prefill;
    private static SimulatedEngine decode;
    private static EngineClient prefillClient;
    private static EngineClient decodeClient;

    @BeforeAll
    static void startEngines() {
        prefill = SimulatedEngine.start(Map.of("simulator.role", "prefill", "simulator.engine-index", 0));
        decode = SimulatedEngine.start(Map.of("simulator.role", "decode", "simulator.engine-index", 1));
        prefillClient = EngineClient.of(prefill);
        decodeClient = EngineClient.of(decode);
    }

    @AfterAll
    static void stopEngines() {
        prefill.close();
        decode.close();
    }

    @Test
    void answersTransferParamsFromAPrefillAfterOneToken() {
        JsonNode response = EngineClient.json(prefillClient.post("/v1/completions",
                completion(words("handoff", 3000), 1, false, DO_REMOTE_DECODE)));

        JsonNode params = response.path("kv_transfer_params");
        assertThat(response.at("/usage/completion_tokens").asInt()).isEqualTo(1);
        assertThat(response.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(params.path("do_remote_prefill").asBoolean()).isTrue();
        assertThat(params.path("do_remote_decode").asBoolean()).isFalse();
        // BOS + 3,000 words = 3,001 tokens: 187 full blocks.
        assertThat(params.path("remote_block_ids")).hasSize(187);
        assertThat(params.path("remote_engine_id").asText())
                .isEqualTo(EngineClient.json(prefillClient.get("/server_info")).path("engine_id").asText());
        assertThat(params.path("remote_host").asText()).isEqualTo("127.0.0.1");
        assertThat(params.path("remote_port").asInt()).isEqualTo(prefill.port());
        assertThat(params.path("tp_size").asInt()).isEqualTo(1);
    }

    @Test
    void answersNullTransferParamsToAPlainRequest() {
        JsonNode response = EngineClient.json(prefillClient.post("/v1/completions",
                completion(words("plain", 10), 1, false, null)));

        assertThat(response.has("kv_transfer_params")).isTrue();
        assertThat(response.path("kv_transfer_params").isNull()).isTrue();
    }

    @Test
    void startsStreamingFromTransferredKvFarSoonerThanAColdPrefill() throws IOException {
        double cold = Double.MAX_VALUE;
        double transferred = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            cold = Math.min(cold, stream(decodeClient, completion(words("cold" + round + "-", 3000), 4, true, null))
                    .ttftSeconds());
            String prompt = words("warm" + round + "-", 3000);
            JsonNode params = prefillParams(prompt);
            Streamed decoded = stream(decodeClient, completion(prompt, 4, true, params.toString()));
            transferred = Math.min(transferred, decoded.ttftSeconds());
            assertThat(decoded.tokens()).isEqualTo(4);
            assertThat(decoded.cachedTokens()).isEqualTo(2992);
        }

        assertThat(transferred).isLessThan(0.4 * cold);
    }

    @Test
    void finishesANonStreamedRequestFromTransferredKvFarSoonerThanAColdOne() {
        long cold = Long.MAX_VALUE;
        long transferred = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            cold = Math.min(cold, timed(decodeClient, completion(words("plain-cold" + round + "-", 3000), 2, false,
                    null)));
            String prompt = words("plain-warm" + round + "-", 3000);
            String body = completion(prompt, 2, false, prefillParams(prompt).toString());
            long start = System.nanoTime();
            JsonNode response = EngineClient.json(decodeClient.post("/v1/completions", body));
            transferred = Math.min(transferred, System.nanoTime() - start);
            assertThat(response.at("/usage/completion_tokens").asInt()).isEqualTo(2);
            assertThat(response.path("kv_transfer_params").isNull()).isTrue();
        }

        assertThat(transferred).isLessThan(cold / 2);
    }

    @Test
    void receivesOnlyThePromptBlocksItDoesNotCacheAndCountsThem() {
        String prompt = words("partly", 3000);
        String cachedPart = words("partly", 1000);
        decodeClient.post("/v1/completions", completion(cachedPart, 1, false, null));
        double before = received();

        JsonNode response = EngineClient.json(decodeClient.post("/v1/completions",
                completion(prompt, 1, false, prefillParams(prompt).toString())));

        // 62 blocks (BOS + 1,000 words) were cached here; the other 125 of 187 came by transfer.
        assertThat(received() - before).isEqualTo(125 * 16);
        assertThat(response.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(2992);
    }

    @Test
    void streamsAChatFromKvTransferredForTheSameMessages() throws IOException {
        String messages = "[{\"role\":\"user\",\"content\":\"" + words("chat", 500) + "\"}]";
        JsonNode params = EngineClient.json(prefillClient.post("/v1/chat/completions", "{\"messages\":" + messages
                + ",\"max_tokens\":1,\"kv_transfer_params\":" + DO_REMOTE_DECODE + "}")).path("kv_transfer_params");

        Streamed decoded = stream(decodeClient, "{\"messages\":" + messages + ",\"max_tokens\":3,\"ignore_eos\":true,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"kv_transfer_params\":" + params + "}",
                "/v1/chat/completions");

        assertThat(params.path("remote_block_ids").size()).isPositive();
        assertThat(decoded.tokens()).isEqualTo(3);
        assertThat(decoded.cachedTokens()).isEqualTo(params.path("remote_block_ids").size() * 16);
    }

    @Test
    void ignoresParamsTheEnginesRoleCannotHonourAndRunsTheRequestInFull() {
        String prompt = words("misrouted", 300);
        JsonNode onDecode = EngineClient.json(decodeClient.post("/v1/completions",
                completion(prompt, 1, false, DO_REMOTE_DECODE)));
        JsonNode params = EngineClient.json(prefillClient.post("/v1/completions",
                completion(words("source", 300), 1, false, DO_REMOTE_DECODE))).path("kv_transfer_params");
        double before = prefillClient.metrics().value("vllm:kv_transfer_received_tokens_total");

        JsonNode onPrefill = EngineClient.json(prefillClient.post("/v1/completions",
                completion(words("elsewhere", 300), 1, false, params.toString())));

        assertThat(onDecode.path("kv_transfer_params").isNull()).isTrue();
        assertThat(onPrefill.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isZero();
        assertThat(prefillClient.metrics().value("vllm:kv_transfer_received_tokens_total")).isEqualTo(before);
    }

    @Test
    void rejectsTransferParamsThatAreNotAnObject() {
        HttpResponse<String> response = decodeClient.post("/v1/completions",
                completion(words("bad", 10), 1, false, "\"yes\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(EngineClient.json(response).at("/error/message").asText()).contains("kv_transfer_params");
    }

    @Test
    void prefillsInFullWhenARemotePrefillLacksItsBlocksOrPeer() {
        double before = received();
        JsonNode response = EngineClient.json(decodeClient.post("/v1/completions", completion(words("nopeer", 300),
                1, false, "{\"do_remote_prefill\":true,\"remote_block_ids\":[1,2,3]}")));

        assertThat(response.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isZero();
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void showsItsRoleInServerInfoAndMetrics() {
        JsonNode info = EngineClient.json(prefillClient.get("/server_info"));

        assertThat(info.path("role").asText()).isEqualTo("prefill");
        assertThat(info.path("kv_role").asText()).isEqualTo("kv_producer");
        assertThat(EngineClient.json(decodeClient.get("/server_info")).path("role").asText()).isEqualTo("decode");
        assertThat(decodeClient.metrics().value("vllm:engine_role_info", "role", "decode", "kv_role",
                "kv_consumer", "engine", "1")).isEqualTo(1.0);
    }

    private record Streamed(double ttftSeconds, int tokens, int cachedTokens) {
    }

    private static JsonNode prefillParams(String prompt) {
        JsonNode params = EngineClient.json(prefillClient.post("/v1/completions",
                completion(prompt, 1, false, DO_REMOTE_DECODE))).path("kv_transfer_params");
        assertThat(params.isObject()).as("prefill answered transfer params").isTrue();
        return params;
    }

    private static Streamed stream(EngineClient client, String body) throws IOException {
        return stream(client, body, "/v1/completions");
    }

    /** Streams a request; TTFT is taken when the first chunk with content arrives. */
    private static Streamed stream(EngineClient client, String body, String path) throws IOException {
        long start = System.nanoTime();
        double ttft = -1;
        int tokens = 0;
        int cached = -1;
        try (SseStream stream = client.postStream(path, body)) {
            for (String data = stream.next(); data != null && !data.equals("[DONE]"); data = stream.next()) {
                JsonNode chunk = EngineClient.json(data);
                JsonNode choice = chunk.path("choices").path(0);
                boolean content = choice.has("text") || !choice.path("delta").path("content").asText().isEmpty();
                if (!choice.isMissingNode() && content) {
                    if (ttft < 0) {
                        ttft = (System.nanoTime() - start) / 1e9;
                    }
                    tokens++;
                }
                if (chunk.hasNonNull("usage")) {
                    cached = chunk.at("/usage/prompt_tokens_details/cached_tokens").asInt();
                }
            }
        }
        return new Streamed(ttft, tokens, cached);
    }

    private static long timed(EngineClient client, String body) {
        long start = System.nanoTime();
        assertThat(client.post("/v1/completions", body).statusCode()).isEqualTo(200);
        return System.nanoTime() - start;
    }

    private static double received() {
        return decodeClient.metrics().value("vllm:kv_transfer_received_tokens_total");
    }

    private static String completion(String prompt, int maxTokens, boolean stream, String kvTransferParams) {
        return "{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
                + (kvTransferParams == null ? "" : ",\"kv_transfer_params\":" + kvTransferParams) + "}";
    }

    private static String words(String tag, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }
}
