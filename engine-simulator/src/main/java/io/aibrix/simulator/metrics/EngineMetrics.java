package io.aibrix.simulator.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.aibrix.simulator.engine.EngineObserver;
import io.aibrix.simulator.engine.FinishReason;
import io.aibrix.simulator.engine.FinishedRequest;

/**
 * vLLM V1's request and iteration statistics (vllm/v1/metrics/loggers.py), fed by engine events. Bucket boundaries
 * are vLLM's; every series carries {@code model_name} (the served base model, also for adapter requests) and
 * {@code engine}.
 */
public final class EngineMetrics implements EngineObserver {

    static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
        2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    static final double[] ITL_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5,
        5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    static final double[] REQUEST_LATENCY_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0,
        30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    static final double[] ITERATION_TOKEN_BUCKETS = {1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
        16384};
    static final double[] N_BUCKETS = {1, 2, 5, 10, 20};

    final LongAdder promptTokens = new LongAdder();
    final LongAdder generationTokens = new LongAdder();
    final LongAdder preemptions = new LongAdder();
    final LongAdder prefixQueries = new LongAdder();
    final LongAdder prefixHits = new LongAdder();
    final LongAdder kvTransferReceivedTokens = new LongAdder();
    final LongAdder tierQueries = new LongAdder();
    final LongAdder l1HitTokens = new LongAdder();
    final LongAdder l2HitTokens = new LongAdder();
    final Map<FinishReason, LongAdder> successes = new EnumMap<>(FinishReason.class);
    final Map<String, Histogram> histograms = new LinkedHashMap<>();
    final double createdEpochSeconds;

    private final Histogram iterationTokens;
    private final Histogram ttft;
    private final Histogram interToken;
    private final Histogram timePerOutputToken;
    private final Histogram requestTpot;
    private final Histogram e2e;
    private final Histogram queue;
    private final Histogram prefill;
    private final Histogram decode;
    private final Histogram inference;
    private final Histogram requestPromptTokens;
    private final Histogram requestGenerationTokens;
    private final Histogram maxTokensParam;
    private final Histogram nParam;
    private final Histogram maxGenerationTokens;

    public EngineMetrics(int maxModelLength, double createdEpochSeconds) {
        this.createdEpochSeconds = createdEpochSeconds;
        for (FinishReason reason : FinishReason.values()) {
            successes.put(reason, new LongAdder());
        }
        double[] tokenBuckets = Histogram.oneTwoFive(maxModelLength);
        iterationTokens = histogram("vllm:iteration_tokens_total", ITERATION_TOKEN_BUCKETS);
        ttft = histogram("vllm:time_to_first_token_seconds", TTFT_BUCKETS);
        interToken = histogram("vllm:inter_token_latency_seconds", ITL_BUCKETS);
        timePerOutputToken = histogram("vllm:time_per_output_token_seconds", ITL_BUCKETS);
        requestTpot = histogram("vllm:request_time_per_output_token_seconds", ITL_BUCKETS);
        e2e = histogram("vllm:e2e_request_latency_seconds", REQUEST_LATENCY_BUCKETS);
        queue = histogram("vllm:request_queue_time_seconds", REQUEST_LATENCY_BUCKETS);
        prefill = histogram("vllm:request_prefill_time_seconds", REQUEST_LATENCY_BUCKETS);
        decode = histogram("vllm:request_decode_time_seconds", REQUEST_LATENCY_BUCKETS);
        inference = histogram("vllm:request_inference_time_seconds", REQUEST_LATENCY_BUCKETS);
        requestPromptTokens = histogram("vllm:request_prompt_tokens", tokenBuckets);
        requestGenerationTokens = histogram("vllm:request_generation_tokens", tokenBuckets);
        maxTokensParam = histogram("vllm:request_params_max_tokens", tokenBuckets);
        nParam = histogram("vllm:request_params_n", N_BUCKETS);
        maxGenerationTokens = histogram("vllm:request_max_num_generation_tokens", tokenBuckets);
    }

    private Histogram histogram(String name, double[] bounds) {
        Histogram histogram = new Histogram(bounds);
        histograms.put(name, histogram);
        return histogram;
    }

    @Override
    public void onIteration(long scheduledTokens) {
        iterationTokens.observe(scheduledTokens);
    }

    @Override
    public void onPrefixCacheLookup(int queriedTokens, int hitTokens) {
        prefixQueries.add(queriedTokens);
        prefixHits.add(hitTokens);
    }

    @Override
    public void onKvTransferReceived(int tokens) {
        kvTransferReceivedTokens.add(tokens);
    }

    @Override
    public void onKvTierLookup(int queriedTokens, int l1Tokens, int l2Tokens) {
        tierQueries.add(queriedTokens);
        l1HitTokens.add(l1Tokens);
        l2HitTokens.add(l2Tokens);
    }

    @Override
    public void onPreemption() {
        preemptions.increment();
    }

    @Override
    public void onFirstToken(double timeToFirstTokenSeconds, int promptTokenCount) {
        ttft.observe(timeToFirstTokenSeconds);
        promptTokens.add(promptTokenCount);
        generationTokens.increment();
    }

    @Override
    public void onNextToken(double interTokenSeconds) {
        interToken.observe(interTokenSeconds);
        timePerOutputToken.observe(interTokenSeconds);
        generationTokens.increment();
    }

    @Override
    public void onFinished(FinishedRequest r) {
        successes.get(r.reason()).increment();
        double e2eSeconds = seconds(r.finishedNanos() - r.arrivalNanos());
        e2e.observe(e2eSeconds);
        requestPromptTokens.observe(r.promptTokens());
        requestGenerationTokens.observe(r.completionTokens());
        maxTokensParam.observe(r.maxOutputTokens());
        nParam.observe(1);
        maxGenerationTokens.observe(r.completionTokens());
        if (r.firstScheduledNanos() != 0) {
            queue.observe(seconds(r.firstScheduledNanos() - r.arrivalNanos()));
            inference.observe(seconds(r.finishedNanos() - r.firstScheduledNanos()));
        }
        if (r.firstTokenNanos() != 0) {
            prefill.observe(seconds(r.firstTokenNanos() - r.firstScheduledNanos()));
            decode.observe(seconds(r.finishedNanos() - r.firstTokenNanos()));
            if (r.completionTokens() > 1) {
                requestTpot.observe(seconds(r.finishedNanos() - r.firstTokenNanos()) / (r.completionTokens() - 1));
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
