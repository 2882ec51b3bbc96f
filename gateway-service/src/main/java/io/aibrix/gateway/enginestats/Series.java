package io.aibrix.gateway.enginestats;

import java.nio.charset.StandardCharsets;

/** The vLLM series the scraper reads; every other series on a page is skipped. */
enum Series {

    RUNNING("vllm:num_requests_running", Kind.COUNT),
    WAITING("vllm:num_requests_waiting", Kind.COUNT),
    KV_CACHE_USAGE("vllm:kv_cache_usage_perc", Kind.FRACTION),
    GPU_CACHE_USAGE("vllm:gpu_cache_usage_perc", Kind.FRACTION),
    CPU_CACHE_USAGE("vllm:cpu_cache_usage_perc", Kind.FRACTION),
    PROMPT_TOKENS("vllm:prompt_tokens_total", Kind.CUMULATIVE),
    GENERATION_TOKENS("vllm:generation_tokens_total", Kind.CUMULATIVE),
    QUEUE_TIME_SUM("vllm:request_queue_time_seconds_sum", Kind.CUMULATIVE),
    QUEUE_TIME_COUNT("vllm:request_queue_time_seconds_count", Kind.CUMULATIVE),
    PREFILL_TIME_SUM("vllm:request_prefill_time_seconds_sum", Kind.CUMULATIVE),
    PREFILL_TIME_COUNT("vllm:request_prefill_time_seconds_count", Kind.CUMULATIVE),
    DECODE_TIME_SUM("vllm:request_decode_time_seconds_sum", Kind.CUMULATIVE),
    DECODE_TIME_COUNT("vllm:request_decode_time_seconds_count", Kind.CUMULATIVE),
    TTFT_SUM("vllm:time_to_first_token_seconds_sum", Kind.CUMULATIVE),
    TTFT_COUNT("vllm:time_to_first_token_seconds_count", Kind.CUMULATIVE),
    TPOT_SUM("vllm:time_per_output_token_seconds_sum", Kind.CUMULATIVE),
    TPOT_COUNT("vllm:time_per_output_token_seconds_count", Kind.CUMULATIVE),
    PROMPT_LENGTH_SUM("vllm:request_prompt_tokens_sum", Kind.CUMULATIVE),
    PROMPT_LENGTH_COUNT("vllm:request_prompt_tokens_count", Kind.CUMULATIVE),
    GENERATION_LENGTH_SUM("vllm:request_generation_tokens_sum", Kind.CUMULATIVE),
    GENERATION_LENGTH_COUNT("vllm:request_generation_tokens_count", Kind.CUMULATIVE);

    static final Series[] ALL = values();

    /** How values of several label sets combine, and whether a decrease means a restart. */
    enum Kind {
        /** A gauge counting something (requests): summed. */
        COUNT,
        /** A usage fraction in [0, 1]: averaged, so data-parallel engines on one page still give a fraction. */
        FRACTION,
        /** A counter or a histogram's sum or count: summed, and only grows while the engine lives. */
        CUMULATIVE
    }

    private final String metricName;
    private final byte[] nameBytes;
    private final Kind kind;

    Series(String metricName, Kind kind) {
        this.metricName = metricName;
        this.nameBytes = metricName.getBytes(StandardCharsets.US_ASCII);
        this.kind = kind;
    }

    String metricName() {
        return metricName;
    }

    byte[] nameBytes() {
        return nameBytes;
    }

    Kind kind() {
        return kind;
    }
}
