package io.aibrix.simulator.metrics;

import java.util.Map;

/** vLLM's HELP strings for its histograms. */
final class HistogramHelp {

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("vllm:iteration_tokens_total", "Histogram of number of tokens per engine_step."),
            Map.entry("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds."),
            Map.entry("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds."),
            Map.entry("vllm:time_per_output_token_seconds",
                    "Histogram of time per output token in seconds. "
                            + "DEPRECATED: Use vllm:inter_token_latency_seconds instead."),
            Map.entry("vllm:request_time_per_output_token_seconds",
                    "Histogram of time_per_output_token_seconds per request."),
            Map.entry("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds."),
            Map.entry("vllm:request_queue_time_seconds",
                    "Histogram of time spent in WAITING phase for request."),
            Map.entry("vllm:request_prefill_time_seconds",
                    "Histogram of time spent in PREFILL phase for request."),
            Map.entry("vllm:request_decode_time_seconds", "Histogram of time spent in DECODE phase for request."),
            Map.entry("vllm:request_inference_time_seconds",
                    "Histogram of time spent in RUNNING phase for request."),
            Map.entry("vllm:request_prompt_tokens", "Number of prefill tokens processed."),
            Map.entry("vllm:request_generation_tokens", "Number of generation tokens processed."),
            Map.entry("vllm:request_params_max_tokens", "Histogram of the max_tokens request parameter."),
            Map.entry("vllm:request_params_n", "Histogram of the n request parameter."),
            Map.entry("vllm:request_max_num_generation_tokens",
                    "Histogram of maximum number of requested generation tokens."));

    private HistogramHelp() {
    }

    static String of(String name) {
        return HELP.getOrDefault(name, name);
    }
}
