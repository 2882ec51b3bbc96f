package io.aibrix.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PromQl}. */
class PromQlTests {

    @Test
    void findsTheMetricInsideAHistogramQuantile() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, strategy) "
                + "(rate(gateway_routing_duration_seconds_bucket{model=~\"$model\"}[$__rate_interval])))"))
                .containsExactly("gateway_routing_duration_seconds_bucket");
    }

    @Test
    void findsBothSidesOfARatioAndIgnoresNumbersAndKeywords() {
        assertThat(PromQl.metricNames("sum by (instance) (rate(vllm:prefix_cache_hits_total{model_name=~\"$model\"}"
                + "[5m])) / clamp_min(sum by (instance) (rate(vllm:prefix_cache_queries_total[5m])), 1e-9) "
                + "and on (instance) up offset 5m"))
                .containsExactly("up", "vllm:prefix_cache_hits_total", "vllm:prefix_cache_queries_total");
    }

    @Test
    void ignoresLabelNamesAndValuesInMatchers() {
        assertThat(PromQl.metricNames("jvm_memory_used_bytes{service=\"gateway-service\",area=\"heap\"}"))
                .containsExactly("jvm_memory_used_bytes");
    }

    @Test
    void readsTheMetricOfALabelValuesVariable() {
        assertThat(PromQl.metricNames("label_values(gateway_requests_total, model)"))
                .containsExactly("gateway_requests_total");
    }
}
