package io.aibrix.simulator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.MetricsPage;

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
        EngineClient client = EngineClient.of(engine);

        List<CompletableFuture<HttpResponse<String>>> requests = IntStream.range(0, 4)
                .mapToObj(i -> client.postAsync("/v1/completions", "{\"prompt\":\""
                        + PrefixCachingIntegrationTests.words("r" + i + "w", 100)
                        + "\",\"max_tokens\":400,\"ignore_eos\":true}"))
                .toList();

        assertThat(requests).allSatisfy(r -> assertThat(EngineClient.json(r.join())
                .at("/usage/completion_tokens").asInt()).isEqualTo(400));
        MetricsPage metrics = client.metrics();
        assertThat(metrics.value("vllm:num_preemptions_total")).isPositive();
        assertThat(metrics.value("vllm:num_requests_running")).isZero();
        assertThat(metrics.value("vllm:kv_cache_usage_perc")).isZero();
    }
}
