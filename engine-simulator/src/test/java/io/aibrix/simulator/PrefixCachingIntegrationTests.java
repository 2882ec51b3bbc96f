package io.aibrix.simulator;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.engine.ModelProfile;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.SseStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests, through HTTP only, that prefix caching saves exactly the modelled prefill time and that eviction is LRU. */
class PrefixCachingIntegrationTests {

    private static SimulatedEngine a100;
    private static SimulatedEngine small;

    @BeforeAll
    static void start() {
        a100 = SimulatedEngine.start(Map.of("simulator.profile", "llama3-8b-a100"));
        // 40 blocks = 624 usable tokens: a few prompts of a few hundred tokens put it under pressure.
        small = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.num-gpu-blocks", 40,
                "simulator.max-model-len", 512));
    }

    @AfterAll
    static void stop() {
        a100.close();
        small.close();
    }

    @Test
    void aRepeatedPrefixReportsCachedTokensAndCutsTtftByTheModelledPrefill() throws IOException {
        EngineClient client = EngineClient.of(a100);
        streamOneToken(client, words("warmup", 500));
        double[] saved = new double[3];
        for (int round = 0; round < saved.length; round++) {
            String prompt = words("p" + round + "w", 3000);
            Streamed cold = streamOneToken(client, prompt);
            Streamed warm = streamOneToken(client, prompt);

            // 3001 tokens with BOS: 187 full blocks can hit (one token is always recomputed).
            assertThat(cold.cachedTokens()).isZero();
            assertThat(warm.cachedTokens()).isEqualTo(2992);
            saved[round] = cold.ttftSeconds() - warm.ttftSeconds();
        }

        double modelled = coldPrefillMillis() - warmPrefillMillis();
        double measured = median(saved) * 1000;
        double tolerance = Math.max(0.1 * modelled, 10);
        assertThat(measured).isBetween(modelled - tolerance, modelled + tolerance);
    }

    @Test
    void evictsUnderBlockPressureStartingFromThePromptTail() {
        EngineClient client = EngineClient.of(small);
        String victim = words("victim", 200);
        complete(client, victim);
        int before = cachedTokens(complete(client, victim));

        complete(client, words("filler-a", 300));
        complete(client, words("filler-b", 300));
        int after = cachedTokens(complete(client, victim));

        assertThat(before).isEqualTo(192);
        // The fillers took the victim's tail blocks first (freed in reverse order); its head block survived.
        assertThat(after).isPositive().isLessThan(before);
    }

    private record Streamed(double ttftSeconds, int cachedTokens) {
    }

    /** Streams a one-token completion; TTFT is taken when the first chunk with a choice arrives. */
    private static Streamed streamOneToken(EngineClient client, String prompt) throws IOException {
        String body = "{\"prompt\":\"" + prompt + "\",\"max_tokens\":1,\"ignore_eos\":true,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}";
        long start = System.nanoTime();
        double ttft = -1;
        int cached = -1;
        try (SseStream stream = client.postStream("/v1/completions", body)) {
            for (String data = stream.next(); data != null && !data.equals("[DONE]"); data = stream.next()) {
                JsonNode chunk = EngineClient.json(data);
                if (ttft < 0 && !chunk.path("choices").isEmpty()) {
                    ttft = (System.nanoTime() - start) / 1e9;
                }
                if (chunk.hasNonNull("usage")) {
                    cached = cachedTokens(chunk);
                }
            }
        }
        return new Streamed(ttft, cached);
    }

    private static JsonNode complete(EngineClient client, String prompt) {
        return EngineClient.json(client.post("/v1/completions",
                "{\"prompt\":\"" + prompt + "\",\"max_tokens\":1,\"ignore_eos\":true}"));
    }

    private static int cachedTokens(JsonNode response) {
        return response.at("/usage/prompt_tokens_details/cached_tokens").asInt();
    }

    static String words(String tag, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }

    /** Two chunks under the 2048-token budget: 2048 tokens, then 953 more on top of them. */
    private static double coldPrefillMillis() {
        return step(2048, 0) + step(953, 2048);
    }

    private static double warmPrefillMillis() {
        return step(9, 2992);
    }

    private static double step(int tokens, int computed) {
        ModelProfile p = ModelProfile.LLAMA3_8B_A100;
        return p.baseMs() + p.prefillMsPerToken() * tokens
                + p.attentionMsPerPair() * tokens * (computed + tokens / 2.0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
