package io.aibrix.autoscaler.metrics;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link PrometheusText} and {@link MetricQuery}. */
class PrometheusTextTests {

    private static final String SCRAPE = """
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="llama3-8b"} 3.0
            vllm:num_requests_waiting{engine="0",model_name="sql-lora"} 2.0
            vllm:kv_cache_usage_perc{engine="0",model_name="llama3-8b"} 0.25
            gateway_requests_in_flight{model="a \\"quoted\\" name"} 7
            broken line without value
            """;

    @Test
    void sumsEverySeriesOfTheMetric() {
        assertThat(PrometheusText.sum(SCRAPE, MetricQuery.parse("vllm:num_requests_waiting"))).hasValue(5.0);
    }

    @Test
    void aLabelSelectorNarrowsTheSeries() {
        assertThat(PrometheusText.sum(SCRAPE, MetricQuery.parse("vllm:num_requests_waiting{model_name=\"sql-lora\"}")))
                .hasValue(2.0);
        assertThat(PrometheusText.sum(SCRAPE, MetricQuery.parse("gateway_requests_in_flight{model=\"a \\\"quoted\\\" name\"}")))
                .hasValue(7.0);
    }

    @Test
    void anAbsentMetricIsEmptyNotZero() {
        assertThat(PrometheusText.sum(SCRAPE, MetricQuery.parse("vllm:num_requests_running"))).isEmpty();
    }

    @Test
    void parsesNamesLabelsAndValues() {
        assertThat(PrometheusText.parse(SCRAPE)).hasSize(4).first().satisfies(sample -> {
            assertThat(sample.name()).isEqualTo("vllm:num_requests_waiting");
            assertThat(sample.labels()).isEqualTo(Map.of("engine", "0", "model_name", "llama3-8b"));
            assertThat(sample.value()).isEqualTo(3.0);
        });
    }

    @Test
    void aMalformedQueryNamesItself() {
        assertThatThrownBy(() -> MetricQuery.parse("vllm:x{model_name=llama}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vllm:x{model_name=llama}");
    }
}
