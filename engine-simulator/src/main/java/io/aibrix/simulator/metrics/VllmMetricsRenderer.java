package io.aibrix.simulator.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aibrix.simulator.engine.EngineRole;
import io.aibrix.simulator.engine.EngineSettings;
import io.aibrix.simulator.engine.EngineState;
import io.aibrix.simulator.engine.FinishReason;
import io.aibrix.simulator.engine.KvTiers;

/** Renders one engine's {@code /metrics} page from live engine state and accumulated statistics. */
public final class VllmMetricsRenderer {

    private final String modelName;
    private final String engineIndex;
    private final EngineSettings settings;
    private final boolean numGpuBlocksOverridden;
    private final EngineMetrics metrics;
    private final EngineRole role;
    private final Clock clock;
    private final KvTiers tiers;
    private final LoraInfoSeries loraInfo = new LoraInfoSeries();

    public VllmMetricsRenderer(String modelName, int engineIndex, EngineSettings settings,
            boolean numGpuBlocksOverridden, EngineMetrics metrics, EngineRole role, Clock clock) {
        this(modelName, engineIndex, settings, numGpuBlocksOverridden, metrics, role, clock, null);
    }

    /** @param tiers the engine's KV tiers, whose series are rendered; null = none (no tier series at all) */
    public VllmMetricsRenderer(String modelName, int engineIndex, EngineSettings settings,
            boolean numGpuBlocksOverridden, EngineMetrics metrics, EngineRole role, Clock clock, KvTiers tiers) {
        this.tiers = tiers;
        this.modelName = modelName;
        this.engineIndex = Integer.toString(engineIndex);
        this.settings = settings;
        this.numGpuBlocksOverridden = numGpuBlocksOverridden;
        this.metrics = metrics;
        this.role = role;
        this.clock = clock;
    }

    public String render(EngineState state) {
        Map<String, String> base = baseLabels();
        PrometheusText text = new PrometheusText();
        double created = metrics.createdEpochSeconds;

        gauge(text, "vllm:num_requests_running", "Number of requests in model execution batches.", base,
                state.running());
        gauge(text, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", base,
                state.waiting());
        gauge(text, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", base,
                state.kvCacheUsage());
        gauge(text, "vllm:gpu_cache_usage_perc",
                "GPU KV-cache usage. 1 means 100 percent usage. DEPRECATED: Use vllm:kv_cache_usage_perc instead.",
                base, state.kvCacheUsage());

        counter(text, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.",
                base, metrics.prefixQueries.sum(), created);
        counter(text, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.",
                base, metrics.prefixHits.sum(), created);
        counter(text, "vllm:gpu_prefix_cache_queries",
                "GPU prefix cache queries, in terms of number of queried tokens. "
                        + "DEPRECATED: Use vllm:prefix_cache_queries instead.",
                base, metrics.prefixQueries.sum(), created);
        counter(text, "vllm:gpu_prefix_cache_hits",
                "GPU prefix cache hits, in terms of number of cached tokens. "
                        + "DEPRECATED: Use vllm:prefix_cache_hits instead.",
                base, metrics.prefixHits.sum(), created);
        counter(text, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", base,
                metrics.preemptions.sum(), created);
        counter(text, "vllm:kv_transfer_received_tokens",
                "Prompt tokens whose KV was received from a remote prefill engine instead of computed (simulator).",
                base, metrics.kvTransferReceivedTokens.sum(), created);
        counter(text, "vllm:prompt_tokens", "Number of prefill tokens processed.", base,
                metrics.promptTokens.sum(), created);
        counter(text, "vllm:generation_tokens", "Number of generation tokens processed.", base,
                metrics.generationTokens.sum(), created);

        text.family("vllm:request_success_total", "counter", "Count of successfully processed requests.");
        for (FinishReason reason : FinishReason.values()) {
            text.sample("vllm:request_success_total", withReason(base, reason), metrics.successes.get(reason).sum());
        }
        text.family("vllm:request_success_created", "gauge", "Count of successfully processed requests.");
        for (FinishReason reason : FinishReason.values()) {
            text.sample("vllm:request_success_created", withReason(base, reason), created);
        }

        metrics.histograms.forEach((name, histogram) -> {
            text.family(name, "histogram", HistogramHelp.of(name));
            text.histogramSamples(name, base, histogram.snapshot());
            text.created(name, HistogramHelp.of(name), base, created);
        });

        renderLoraInfo(text, state);
        renderCacheConfig(text);
        renderRole(text, base);
        if (tiers != null) {
            renderTiers(text, base, created);
        }
        return text.toString();
    }

    /**
     * vLLM's KV-connector lookup counters (tokens; hits from any tier below the GPU) and the simulator's per-tier
     * series.
     */
    private void renderTiers(PrometheusText text, Map<String, String> base, double created) {
        counter(text, "vllm:external_prefix_cache_queries",
                "External prefix cache queries from KV connector cross-instance cache sharing, in terms of number "
                        + "of queried tokens.",
                base, metrics.tierQueries.sum(), created);
        counter(text, "vllm:external_prefix_cache_hits",
                "External prefix cache hits from KV connector cross-instance cache sharing, in terms of number of "
                        + "cached tokens.",
                base, metrics.l1HitTokens.sum() + metrics.l2HitTokens.sum(), created);
        String hitsHelp = "Prompt tokens loaded from a KV tier instead of computed (simulator).";
        text.family("vllm:kv_tier_hit_tokens_total", "counter", hitsHelp);
        text.sample("vllm:kv_tier_hit_tokens_total", withTier(base, "l1"), metrics.l1HitTokens.sum());
        text.sample("vllm:kv_tier_hit_tokens_total", withTier(base, "l2"), metrics.l2HitTokens.sum());
        gauge(text, "vllm:kv_tier_l1_blocks", "KV blocks held in host memory (L1) (simulator).", base,
                tiers.l1Blocks());
        gauge(text, "vllm:kv_tier_l1_capacity_blocks", "Capacity of the host-memory KV tier (L1) (simulator).",
                base, tiers.l1Capacity());
        counter(text, "vllm:kv_tier_l2_written_blocks", "KV blocks written to cache nodes (L2) (simulator).", base,
                tiers.remoteWrites(), created);
        counter(text, "vllm:kv_tier_l2_failures",
                "Failed cache-node lookups and writes; a failed lookup is a miss (simulator).", base,
                tiers.remoteFailures(), created);
        gauge(text, "vllm:kv_tier_l2_ring_version",
                "Version of the cache-node ring the engine follows; -1 before the first (simulator).", base,
                tiers.remoteRingVersion());
    }

    private static Map<String, String> withTier(Map<String, String> base, String tier) {
        Map<String, String> l = new LinkedHashMap<>(base);
        l.put("tier", tier);
        return l;
    }

    private void renderLoraInfo(PrometheusText text, EngineState state) {
        loraInfo.update(state.runningAdapters(), state.waitingAdapters(), clock.millis() / 1000.0);
        text.family("vllm:lora_requests_info", "gauge", "Running stats on lora requests.");
        loraInfo.series().forEach((key, updatedAt) -> {
            String[] parts = key.split("\u0000", -1);
            Map<String, String> l = new LinkedHashMap<>();
            l.put("max_lora", Integer.toString(settings.maxLoras()));
            l.put("waiting_lora_adapters", parts[1]);
            l.put("running_lora_adapters", parts[0]);
            text.sample("vllm:lora_requests_info", l, updatedAt);
        });
    }

    private void renderCacheConfig(PrometheusText text) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("block_size", Integer.toString(settings.blockSize()));
        l.put("cache_dtype", "auto");
        l.put("calculate_kv_scales", "False");
        l.put("cpu_offload_gb", "0");
        l.put("enable_prefix_caching", settings.prefixCaching() ? "True" : "False");
        l.put("gpu_memory_utilization", "0.9");
        l.put("num_cpu_blocks", "None");
        l.put("num_gpu_blocks", Integer.toString(settings.numGpuBlocks()));
        l.put("num_gpu_blocks_override", numGpuBlocksOverridden ? Integer.toString(settings.numGpuBlocks()) : "None");
        l.put("prefix_caching_hash_algo", "sha256");
        l.put("sliding_window", "None");
        l.put("swap_space", "4");
        l.put("swap_space_bytes", "4294967296");
        l.put("engine", engineIndex);
        text.family("vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig");
        text.sample("vllm:cache_config_info", l, 1.0);
    }

    /** Like vLLM's config info gauges: the labels carry the value, the sample is 1. */
    private void renderRole(PrometheusText text, Map<String, String> base) {
        Map<String, String> l = new LinkedHashMap<>(base);
        l.put("role", role.wireName());
        l.put("kv_role", role.kvRole());
        l.put("kv_connector", "NixlConnector");
        text.family("vllm:engine_role_info", "gauge",
                "Prefill/decode disaggregation role of this engine (simulator).");
        text.sample("vllm:engine_role_info", l, 1.0);
    }

    private Map<String, String> baseLabels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("model_name", modelName);
        l.put("engine", engineIndex);
        return l;
    }

    private static Map<String, String> withReason(Map<String, String> base, FinishReason reason) {
        Map<String, String> l = new LinkedHashMap<>(base);
        l.put("finished_reason", reason.wireName());
        return l;
    }

    private static void gauge(PrometheusText text, String name, String help, Map<String, String> labels,
            double value) {
        text.family(name, "gauge", help);
        text.sample(name, labels, value);
    }

    private static void counter(PrometheusText text, String baseName, String help, Map<String, String> labels,
            double value, double created) {
        text.family(baseName + "_total", "counter", help);
        text.sample(baseName + "_total", labels, value);
        text.created(baseName, help, labels, created);
    }
}
