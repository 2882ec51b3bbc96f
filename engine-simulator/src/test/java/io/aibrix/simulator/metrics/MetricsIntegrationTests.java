package io.aibrix.simulator.metrics;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.MetricsPage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code /metrics}: vLLM's metric families with their types and labels, well-formed Prometheus text,
 * cumulative histograms, and counters that add up to what the requests were billed.
 */
class MetricsIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String ENGINE = "3";

    private static final List<String> GAUGES = List.of("vllm:num_requests_running", "vllm:num_requests_waiting",
            "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:lora_requests_info",
            "vllm:cache_config_info");
    private static final List<String> COUNTERS = List.of("vllm:prefix_cache_queries_total",
            "vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_queries_total", "vllm:gpu_prefix_cache_hits_total",
            "vllm:num_preemptions_total", "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
            "vllm:request_success_total");
    private static final List<String> HISTOGRAMS = List.of("vllm:iteration_tokens_total",
            "vllm:time_to_first_token_seconds", "vllm:inter_token_latency_seconds",
            "vllm:time_per_output_token_seconds", "vllm:request_time_per_output_token_seconds",
            "vllm:e2e_request_latency_seconds", "vllm:request_queue_time_seconds",
            "vllm:request_prefill_time_seconds", "vllm:request_decode_time_seconds",
            "vllm:request_inference_time_seconds", "vllm:request_prompt_tokens", "vllm:request_generation_tokens",
            "vllm:request_params_max_tokens", "vllm:request_params_n", "vllm:request_max_num_generation_tokens");
    /** Histograms observed once per finished request (the rest per step or per token). */
    private static final List<String> PER_REQUEST_HISTOGRAMS = List.of("vllm:e2e_request_latency_seconds",
            "vllm:request_queue_time_seconds", "vllm:request_prefill_time_seconds",
            "vllm:request_decode_time_seconds", "vllm:request_inference_time_seconds",
            "vllm:time_to_first_token_seconds", "vllm:request_time_per_output_token_seconds",
            "vllm:request_prompt_tokens", "vllm:request_generation_tokens", "vllm:request_params_max_tokens",
            "vllm:request_params_n", "vllm:request_max_num_generation_tokens");

    private static SimulatedEngine engine;
    private static EngineClient client;
    private static final List<JsonNode> usages = new ArrayList<>();
    private static int maxTokensSum;
    private static HttpResponse<String> scrape;
    private static MetricsPage page;

    @BeforeAll
    static void startEngineAndSendRequests() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.engine-index", 3));
        client = EngineClient.of(engine);
        String shared = "a shared system prompt long enough to fill at least two full blocks of sixteen tokens each"
                + " so that the second request can reuse them from the prefix cache";
        send("/v1/completions", "{\"prompt\": \"" + shared + "\", \"max_tokens\": 4, \"ignore_eos\": true}", 4);
        send("/v1/completions", "{\"prompt\": \"" + shared + " again\", \"max_tokens\": 7, \"ignore_eos\": true}",
                7);
        send("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"count me\"}],"
                + " \"max_tokens\": 3, \"ignore_eos\": true}", 3);
        send("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"stream me\"}],"
                + " \"max_tokens\": 5, \"ignore_eos\": true, \"stream\": true,"
                + " \"stream_options\": {\"include_usage\": true}}", 5);
        scrape = client.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        page = MetricsPage.parse(scrape.body());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void servesPrometheusTextContentType() {
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void parsesEveryLineAsCommentOrSample() {
        assertThat(page.malformedLines()).isEmpty();
        assertThat(page.samples()).isNotEmpty();
        assertThat(scrape.body()).endsWith("\n");
    }

    @Test
    void declaresEveryVllmFamilyWithItsType() {
        for (String gauge : GAUGES) {
            assertThat(page.types()).as(gauge).containsEntry(gauge, "gauge");
        }
        for (String counter : COUNTERS) {
            assertThat(page.types()).as(counter).containsEntry(counter, "counter");
        }
        for (String histogram : HISTOGRAMS) {
            assertThat(page.types()).as(histogram).containsEntry(histogram, "histogram");
        }
    }

    @Test
    void belongsEverySampleToADeclaredFamily() {
        for (MetricsPage.Sample sample : page.samples()) {
            String name = sample.name();
            String family = page.types().containsKey(name) ? name : name.replaceFirst("_(bucket|count|sum)$", "");
            assertThat(page.types()).as(name).containsKey(family);
            if (!family.equals(name)) {
                assertThat(page.types().get(family)).as(name).isEqualTo("histogram");
            }
        }
    }

    @Test
    void labelsSeriesWithModelNameAndEngineIndex() {
        for (String name : List.of("vllm:num_requests_running", "vllm:num_requests_waiting",
                "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:prompt_tokens_total",
                "vllm:generation_tokens_total", "vllm:prefix_cache_queries_total", "vllm:num_preemptions_total",
                "vllm:e2e_request_latency_seconds_count", "vllm:e2e_request_latency_seconds_sum",
                "vllm:e2e_request_latency_seconds_bucket", "vllm:request_success_total")) {
            assertThat(page.samples(name)).as(name).isNotEmpty().allSatisfy(sample -> {
                assertThat(sample.label("model_name")).isEqualTo(MODEL);
                assertThat(sample.label("engine")).isEqualTo(ENGINE);
            });
        }
        assertThat(page.samples("vllm:cache_config_info")).singleElement()
                .satisfies(sample -> assertThat(sample.label("engine")).isEqualTo(ENGINE));
    }

    @Test
    void rendersHistogramsWithCumulativeBucketsEndingInCount() {
        for (String histogram : HISTOGRAMS) {
            List<MetricsPage.Sample> buckets = page.samples(histogram + "_bucket");
            assertThat(buckets).as(histogram).hasSizeGreaterThan(1);
            assertThat(buckets.get(buckets.size() - 1).label("le")).as(histogram).isEqualTo("+Inf");
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (MetricsPage.Sample bucket : buckets) {
                assertThat(bucket.labels()).as(histogram).containsEntry("model_name", MODEL)
                        .containsEntry("engine", ENGINE);
                double bound = bucket.label("le").equals("+Inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(bucket.label("le"));
                assertThat(bound).as(histogram + " le").isGreaterThan(previousBound);
                assertThat(bucket.value()).as(histogram + " le=" + bucket.label("le"))
                        .isGreaterThanOrEqualTo(previousCount);
                previousBound = bound;
                previousCount = bucket.value();
            }
            double count = page.value(histogram + "_count");
            assertThat(previousCount).as(histogram + " +Inf bucket").isEqualTo(count);
            assertThat(count).as(histogram + "_count").isPositive();
            assertThat(page.value(histogram + "_sum")).as(histogram + "_sum").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void countsEachFinishedRequestOnceInPerRequestHistograms() {
        for (String histogram : PER_REQUEST_HISTOGRAMS) {
            assertThat(page.value(histogram + "_count")).as(histogram).isEqualTo(usages.size());
        }
        assertThat(page.value("vllm:request_prompt_tokens_sum")).isEqualTo(sum("prompt_tokens"));
        assertThat(page.value("vllm:request_generation_tokens_sum")).isEqualTo(sum("completion_tokens"));
        assertThat(page.value("vllm:request_params_max_tokens_sum")).isEqualTo(maxTokensSum);
        assertThat(page.value("vllm:request_params_n_sum")).isEqualTo(usages.size());
        // One inter-token gap per generated token after each request's first.
        assertThat(page.value("vllm:inter_token_latency_seconds_count"))
                .isEqualTo(sum("completion_tokens") - usages.size());
    }

    @Test
    void countsTokensAndRequestsAsBilled() {
        assertThat(page.value("vllm:prompt_tokens_total")).isEqualTo(sum("prompt_tokens"));
        assertThat(page.value("vllm:generation_tokens_total")).isEqualTo(sum("completion_tokens"));
        assertThat(page.value("vllm:request_success_total", "finished_reason", "length")).isEqualTo(usages.size());
        assertThat(page.value("vllm:request_success_total", "finished_reason", "stop")).isZero();
        assertThat(page.value("vllm:request_success_total", "finished_reason", "abort")).isZero();
        assertThat(page.value("vllm:num_preemptions_total")).isZero();
    }

    @Test
    void countsPrefixCacheQueriesAndHitsAsPromptAndCachedTokens() {
        double cached = usages.stream().mapToInt(u -> u.at("/prompt_tokens_details/cached_tokens").asInt()).sum();

        assertThat(cached).as("the second prompt shares full blocks with the first").isPositive();
        assertThat(page.value("vllm:prefix_cache_queries_total")).isEqualTo(sum("prompt_tokens"));
        assertThat(page.value("vllm:prefix_cache_hits_total")).isEqualTo(cached);
        assertThat(page.value("vllm:gpu_prefix_cache_queries_total"))
                .isEqualTo(page.value("vllm:prefix_cache_queries_total"));
        assertThat(page.value("vllm:gpu_prefix_cache_hits_total")).isEqualTo(cached);
    }

    @Test
    void reportsAnIdleEngineAfterAllRequestsFinished() {
        assertThat(page.value("vllm:num_requests_running")).isZero();
        assertThat(page.value("vllm:num_requests_waiting")).isZero();
        assertThat(page.value("vllm:kv_cache_usage_perc")).isZero();
        assertThat(page.value("vllm:gpu_cache_usage_perc")).isZero();
    }

    @Test
    void describesTheCacheConfiguration() {
        MetricsPage.Sample config = page.samples("vllm:cache_config_info").get(0);

        assertThat(config.value()).isEqualTo(1.0);
        assertThat(config.labels()).containsEntry("block_size", "16").containsEntry("enable_prefix_caching", "True")
                .containsEntry("num_gpu_blocks", "29205").containsKey("gpu_memory_utilization");
        assertThat(page.samples("vllm:lora_requests_info")).isNotEmpty().allSatisfy(
                sample -> assertThat(sample.label("max_lora")).isEqualTo("1"));
    }

    @Test
    void exposesCreatedTimestampsForCounters() {
        for (String counter : COUNTERS) {
            String created = counter.replaceFirst("_total$", "_created");
            assertThat(page.types()).as(created).containsEntry(created, "gauge");
            assertThat(page.samples(created)).as(created).isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.value()).isPositive());
        }
    }

    private static void send(String path, String body, int maxTokens) {
        HttpResponse<String> response = client.post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage;
        if (body.contains("\"stream\": true")) {
            String[] frames = response.body().split("\n\n");
            usage = EngineClient.json(frames[frames.length - 2].substring("data: ".length())).get("usage");
        } else {
            usage = EngineClient.json(response).get("usage");
        }
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(maxTokens);
        usages.add(usage);
        maxTokensSum += maxTokens;
    }

    private static double sum(String field) {
        return usages.stream().mapToInt(u -> u.get(field).asInt()).sum();
    }
}
