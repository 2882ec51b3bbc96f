package io.aibrix.benchmark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.client.Target;

/** Tests for {@link PrometheusText}, {@link EngineCounters} and {@link EngineMetricsScraper#deltas}. */
class EngineMetricsScraperTests {

    private static final Target A = Target.parse("http://127.0.0.1:8000");
    private static final Target B = Target.parse("http://127.0.0.1:8001");

    @Test
    void sumsSeriesAcrossLabelsAndIgnoresCommentsAndTimestamps() {
        Map<String, Double> sums = PrometheusText.sums("""
                # HELP vllm:num_preemptions_total Cumulative preemptions.
                # TYPE vllm:num_preemptions_total counter
                vllm:num_preemptions_total{model_name="m",engine="0"} 3.0
                vllm:num_preemptions_total{model_name="m",engine="1"} 2.0 1700000000000
                vllm:num_preemptions_created{model_name="m",engine="0"} 1.7e9
                vllm:kv_cache_usage_perc 0.25
                vllm:label_with_braces{path="{a b}"} 1
                garbage line
                """);
        assertThat(sums).containsEntry("vllm:num_preemptions_total", 5.0).containsEntry("vllm:kv_cache_usage_perc",
                0.25).containsEntry("vllm:label_with_braces", 1.0).doesNotContainKey("garbage");
    }

    @Test
    void legacyPrefixCacheNamesAreTheFallback() {
        EngineCounters counters = EngineCounters.from(PrometheusText.sums("""
                vllm:gpu_prefix_cache_queries_total{model_name="m"} 100
                vllm:gpu_prefix_cache_hits_total{model_name="m"} 40
                """));
        assertThat(counters.prefixQueries()).isEqualTo(100);
        assertThat(counters.prefixHits()).isEqualTo(40);
    }

    @Test
    void deltasGiveMeansHitRateAndPreemptionsPerEngineAndCluster() {
        MetricsSnapshot before = new MetricsSnapshot(Map.of(
                A.pod(), new EngineCounters(1.0, 10, 5.0, 10, 1000, 100, 1),
                B.pod(), new EngineCounters(0, 0, 0, 0, 0, 0, 0)), Map.of());
        MetricsSnapshot after = new MetricsSnapshot(Map.of(
                A.pod(), new EngineCounters(3.0, 20, 25.0, 20, 3000, 1700, 4),
                B.pod(), new EngineCounters(6.0, 30, 30.0, 30, 1000, 100, 0)), Map.of());

        ServerDeltas deltas = EngineMetricsScraper.deltas(List.of(A, B), before, after);

        ServerDelta a = deltas.engines().getFirst();
        assertThat(a.engine()).isEqualTo(A.pod());
        assertThat(a.ttftMeanSeconds()).isCloseTo(0.2, within(1e-12));
        assertThat(a.e2eMeanSeconds()).isCloseTo(2.0, within(1e-12));
        assertThat(a.prefixHitRate()).isCloseTo(0.8, within(1e-12));
        assertThat(a.preemptions()).isEqualTo(3);
        ServerDelta cluster = deltas.cluster();
        assertThat(cluster.requests()).isEqualTo(40);
        assertThat(cluster.ttftMeanSeconds()).isCloseTo(8.0 / 40, within(1e-12));
        assertThat(cluster.prefixHitRate()).isCloseTo(1700.0 / 3000, within(1e-12));
        assertThat(cluster.preemptions()).isEqualTo(3);
    }

    @Test
    void engineThatCouldNotBeScrapedIsReportedNotCounted() {
        MetricsSnapshot before = new MetricsSnapshot(Map.of(A.pod(), EngineCounters.zero()),
                Map.of(B.pod(), "ConnectException"));
        MetricsSnapshot after = new MetricsSnapshot(Map.of(A.pod(), new EngineCounters(1, 1, 1, 1, 0, 0, 0),
                B.pod(), EngineCounters.zero()), Map.of());
        ServerDeltas deltas = EngineMetricsScraper.deltas(List.of(A, B), before, after);
        assertThat(deltas.engines().get(1).error()).isEqualTo("ConnectException");
        assertThat(deltas.cluster().requests()).isEqualTo(1);
        assertThat(deltas.cluster().prefixHitRate()).isNull();
    }
}
