package io.aibrix.simulator.tiers;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.MetricsPage;
import io.aibrix.simulator.support.SseStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests, through HTTP, an engine with an L1 tier: a prompt evicted from the GPU blocks comes back from host memory at
 * the modelled transfer time, is reported as cached tokens and counted per tier; and an engine without tiers shows
 * none of it.
 */
class KvTiersIntegrationTests {

    /** Large enough to measure against the zero profile's free prefill. */
    private static final double L1_MS_PER_BLOCK = 5;

    private static SimulatedEngine tiered;
    private static SimulatedEngine plain;

    @BeforeAll
    static void start() {
        // 40 blocks = 624 usable tokens; one 610-word prompt needs every block.
        Map<String, Object> small = Map.of("simulator.profile", "zero", "simulator.num-gpu-blocks", 40,
                "simulator.max-model-len", 624);
        tiered = SimulatedEngine.start(with(small, Map.of("simulator.kv-tiers.l1.capacity-blocks", 256,
                "simulator.kv-tiers.l1.time-per-block", (long) (L1_MS_PER_BLOCK * 1000) + "us")));
        plain = SimulatedEngine.start(small);
    }

    @AfterAll
    static void stop() {
        tiered.close();
        plain.close();
    }

    @Test
    void aPromptEvictedFromGpuBlocksComesBackFromL1AtTheTransferTime() throws IOException {
        EngineClient client = EngineClient.of(tiered);
        String prompt = words("victim", 200);
        Streamed cold = streamOneToken(client, prompt);
        complete(client, words("filler", 610));
        // The baseline: a prompt of the same length that no tier holds, on a warm engine (the cold request also
        // paid the engine's first-request costs, which made the difference flaky).
        Streamed uncached = streamOneToken(client, words("other", 200));
        MetricsPage before = client.metrics();

        Streamed fromL1 = streamOneToken(client, prompt);
        MetricsPage after = client.metrics();

        // 201 tokens with BOS: 12 full blocks can be reused, all of them now in L1, none in the GPU blocks.
        assertThat(cold.cachedTokens()).isZero();
        assertThat(fromL1.cachedTokens()).isEqualTo(192);
        assertThat(delta(before, after, "vllm:kv_tier_hit_tokens_total", "tier", "l1")).isEqualTo(192);
        assertThat(delta(before, after, "vllm:kv_tier_hit_tokens_total", "tier", "l2")).isZero();
        assertThat(delta(before, after, "vllm:prefix_cache_hits_total")).isZero();
        assertThat(delta(before, after, "vllm:external_prefix_cache_hits_total")).isEqualTo(192);
        assertThat(uncached.cachedTokens()).isZero();
        double loadMs = (fromL1.ttftSeconds() - uncached.ttftSeconds()) * 1000;
        assertThat(loadMs).isBetween(12 * L1_MS_PER_BLOCK - 5, 12 * L1_MS_PER_BLOCK + 30);
    }

    @Test
    void anEngineWithoutTiersRecomputesTheEvictedPromptAndShowsNoTierSeries() {
        EngineClient client = EngineClient.of(plain);
        String prompt = words("victim", 200);
        complete(client, prompt);
        complete(client, words("filler", 610));

        assertThat(cachedTokens(complete(client, prompt))).isZero();
        assertThat(client.metrics().text()).doesNotContain("kv_tier").doesNotContain("external_prefix_cache");
    }

    @Test
    void theTierMetricsAreWellFormed() {
        MetricsPage page = EngineClient.of(tiered).metrics();

        assertThat(page.malformedLines()).isEmpty();
        assertThat(page.value("vllm:kv_tier_l1_capacity_blocks")).isEqualTo(256);
        assertThat(page.value("vllm:kv_tier_l2_ring_version")).isEqualTo(-1);
        assertThat(page.types()).containsEntry("vllm:kv_tier_hit_tokens_total", "counter");
    }

    @Test
    void anUnknownEvictionPolicyStopsTheEngineFromStartingAndNamesIt() {
        assertThatThrownBy(() -> SimulatedEngine.start(Map.of("simulator.profile", "zero",
                "simulator.kv-tiers.l1.capacity-blocks", 8, "simulator.kv-tiers.l1.eviction", "clock")))
                .hasStackTraceContaining("'clock'");
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> extra) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(base);
        all.putAll(extra);
        return all;
    }

    private static double delta(MetricsPage before, MetricsPage after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private record Streamed(double ttftSeconds, int cachedTokens) {
    }

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

    private static String words(String tag, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }
}
