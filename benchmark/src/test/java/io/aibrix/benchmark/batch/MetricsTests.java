package io.aibrix.benchmark.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link Metrics}. */
class MetricsTests {

    private static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
            jvm_memory_used_bytes_other 3.0
            vllm:generation_tokens_total{model_name="llama3-8b"} 12.0
            vllm:generation_tokens_total 30
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        assertThat(Metrics.sum(TEXT, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1.5e7);
    }

    @Test
    void sumsEverySampleOfTheNameWithAnEmptyFilterAndNoOtherName() {
        assertThat(Metrics.sum(TEXT, "vllm:generation_tokens_total", "")).isEqualTo(42);
        assertThat(Metrics.sum(TEXT, "vllm:prompt_tokens_total", "")).isZero();
    }
}
