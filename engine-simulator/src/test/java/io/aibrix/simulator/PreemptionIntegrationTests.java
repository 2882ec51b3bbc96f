package io.aibrix.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests, through HTTP only, that running out of KV blocks preempts (recompute) and still completes every request. */
class PreemptionIntegrationTests {

    private static SimulatedEngine engine;

    @BeforeAll
    static void start() {
        // 64 blocks = 1008 usable tokens; four requests growing to 500 tokens each cannot all stay resident.
        engine = SimulatedEngine.start(Map.of("simulator.profile", "llama3-8b-a100", "simulator.time-scale", 0.05,
                "simulator.num-gpu-blocks", 64, "simulator.max-model-len", 512));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void preemptsWhenBlocksRunOutAndReportsItInMetrics() {
        EngineHttp http = new EngineHttp(engine.baseUri());

        List<CompletableFuture<JsonNode>> requests = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.complete(EngineHttp.words("r" + i + "w",
                        100), 400)))
                .toList();

        assertThat(requests).allSatisfy(r -> assertThat(r.join().at("/usage/completion_tokens").asInt())
                .isEqualTo(400));
        assertThat(http.metric("vllm:num_preemptions_total")).isPositive();
        assertThat(http.metric("vllm:num_requests_running")).isZero();
        assertThat(http.metric("vllm:kv_cache_usage_perc")).isZero();
    }
}
