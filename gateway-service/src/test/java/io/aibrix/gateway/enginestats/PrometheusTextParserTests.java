package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;

import io.aibrix.gateway.enginestats.PrometheusTextParser.MalformedPageException;
import org.junit.jupiter.api.Test;

/** Tests for {@link PrometheusTextParser}. */
class PrometheusTextParserTests {

    private static MetricsPage parse(String page) {
        return PrometheusTextParser.parse(page.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsGaugesCountersAndHistogramSumsAndCountsOfAVllmPage() {
        MetricsPage page = parse("""
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="llama3-8b",engine="0"} 3.0
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="llama3-8b",engine="0"} 7.0
                vllm:kv_cache_usage_perc{model_name="llama3-8b",engine="0"} 0.25
                vllm:gpu_cache_usage_perc{model_name="llama3-8b",engine="0"} 0.25
                # TYPE vllm:prompt_tokens_total counter
                vllm:prompt_tokens_total{model_name="llama3-8b",engine="0"} 1200.0
                vllm:prompt_tokens_created{model_name="llama3-8b",engine="0"} 1.795295353317E9
                vllm:generation_tokens_total{model_name="llama3-8b",engine="0"} 340.0
                # TYPE vllm:time_to_first_token_seconds histogram
                vllm:time_to_first_token_seconds_bucket{le="0.001",model_name="llama3-8b",engine="0"} 0.0
                vllm:time_to_first_token_seconds_bucket{le="+Inf",model_name="llama3-8b",engine="0"} 4.0
                vllm:time_to_first_token_seconds_count{model_name="llama3-8b",engine="0"} 4.0
                vllm:time_to_first_token_seconds_sum{model_name="llama3-8b",engine="0"} 0.5
                vllm:request_prompt_tokens_count{model_name="llama3-8b",engine="0"} 4.0
                vllm:request_prompt_tokens_sum{model_name="llama3-8b",engine="0"} 1200.0
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(3.0);
        assertThat(page.get(Series.WAITING)).isEqualTo(7.0);
        assertThat(page.get(Series.KV_CACHE_USAGE)).isEqualTo(0.25);
        assertThat(page.get(Series.GPU_CACHE_USAGE)).isEqualTo(0.25);
        assertThat(page.get(Series.PROMPT_TOKENS)).isEqualTo(1200.0);
        assertThat(page.get(Series.GENERATION_TOKENS)).isEqualTo(340.0);
        assertThat(page.get(Series.TTFT_COUNT)).isEqualTo(4.0);
        assertThat(page.get(Series.TTFT_SUM)).isEqualTo(0.5);
        assertThat(page.get(Series.PROMPT_LENGTH_SUM)).isEqualTo(1200.0);
    }

    @Test
    void readsSeriesMissingFromThePageAsNaN() {
        MetricsPage page = parse("vllm:num_requests_running 1\n");

        assertThat(page.get(Series.RUNNING)).isEqualTo(1.0);
        assertThat(page.get(Series.CPU_CACHE_USAGE)).isNaN();
        assertThat(page.get(Series.PROMPT_TOKENS)).isNaN();
        assertThat(page.get(Series.QUEUE_TIME_COUNT)).isNaN();
    }

    @Test
    void readsAnEmptyPageAsAllUnknown() {
        MetricsPage page = parse("");

        for (Series series : Series.ALL) {
            assertThat(page.get(series)).as(series.metricName()).isNaN();
        }
    }

    @Test
    void sumsCountsAcrossLabelSetsAndAveragesUsageFractions() {
        MetricsPage page = parse("""
                vllm:num_requests_running{model_name="base",engine="0"} 2
                vllm:num_requests_running{model_name="base",engine="1"} 5
                vllm:kv_cache_usage_perc{model_name="base",engine="0"} 0.2
                vllm:kv_cache_usage_perc{model_name="base",engine="1"} 0.6
                vllm:prompt_tokens_total{model_name="base",engine="0"} 100
                vllm:prompt_tokens_total{model_name="base",engine="1"} 50
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(7.0);
        assertThat(page.get(Series.KV_CACHE_USAGE)).isCloseTo(0.4, within(1e-12));
        assertThat(page.get(Series.PROMPT_TOKENS)).isEqualTo(150.0);
    }

    @Test
    void skipsSeriesWhoseNamesOnlyResembleWantedOnes() {
        MetricsPage page = parse("""
                vllm:iteration_tokens_total_count{engine="0"} 99
                vllm:prompt_tokens_total_extra 99
                vllm:num_requests_running_x 99
                vllm:num_requests_runninG 99
                xvllm:num_requests_running 99
                vllm:num_requests_running 4
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(4.0);
        assertThat(page.get(Series.PROMPT_TOKENS)).isNaN();
    }

    @Test
    void toleratesEscapedQuotesBracesAndBlanksInsideLabelValues() {
        MetricsPage page = parse("""
                vllm:num_requests_running{model_name="a \\"quoted\\" } name",path="C:\\\\dir\\\\",x="{"} 2
                vllm:num_requests_waiting{model_name="new\\nline"}   6
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(2.0);
        assertThat(page.get(Series.WAITING)).isEqualTo(6.0);
    }

    @Test
    void readsSpecialValuesExponentsTimestampsAndCrlfLineEnds() {
        MetricsPage page = parse("vllm:num_requests_running NaN\r\n"
                + "vllm:num_requests_waiting{engine=\"0\"} +Inf 1795295353317\r\n"
                + "vllm:prompt_tokens_total 1.5e3\r\n"
                + "vllm:generation_tokens_total 2.5E+2 1795295353317\r\n"
                + "\tvllm:kv_cache_usage_perc\t-0.0\r\n"
                + "vllm:cpu_cache_usage_perc -Inf");

        assertThat(page.get(Series.RUNNING)).isNaN();
        assertThat(page.get(Series.WAITING)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(page.get(Series.PROMPT_TOKENS)).isEqualTo(1500.0);
        assertThat(page.get(Series.GENERATION_TOKENS)).isEqualTo(250.0);
        assertThat(page.get(Series.KV_CACHE_USAGE)).isZero();
        assertThat(page.get(Series.CPU_CACHE_USAGE)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void ignoresCommentsAndBlankLines() {
        MetricsPage page = parse("""
                # HELP vllm:num_requests_running with a { brace and "quote
                # TYPE vllm:num_requests_running gauge

                   \s
                # vllm:num_requests_running 99
                vllm:num_requests_running 1
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(1.0);
    }

    @Test
    void rejectsAWantedSampleWithAnUnreadableValue() {
        assertThatThrownBy(() -> parse("vllm:num_requests_running{engine=\"0\"} lots\n"))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("lots")
                .hasMessageContaining("vllm:num_requests_running");
    }

    @Test
    void rejectsAWantedSampleWithoutAValue() {
        assertThatThrownBy(() -> parse("vllm:num_requests_running{engine=\"0\"}\n"))
                .isInstanceOf(MalformedPageException.class);
    }

    @Test
    void rejectsATruncatedLabelSet() {
        assertThatThrownBy(() -> parse("vllm:num_requests_running{engine=\"0\n"))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("unterminated");
    }

    @Test
    void ignoresUnreadableLinesOfSeriesItDoesNotNeed() {
        MetricsPage page = parse("""
                vllm:lora_requests_info{max_lora="1" garbage
                something_else{a="b"} not-a-number
                vllm:num_requests_running 1
                """);

        assertThat(page.get(Series.RUNNING)).isEqualTo(1.0);
    }
}
