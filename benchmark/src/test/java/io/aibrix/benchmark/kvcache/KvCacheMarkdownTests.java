package io.aibrix.benchmark.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link KvCacheMarkdown}'s section and {@link EngineCounters}. */
class KvCacheMarkdownTests {

    private static final KvCachePlan PLAN = new KvCachePlan(Path.of("c.jar"), Path.of("kvcache.md"), Path.of("w"),
            "llama3-8b-a100", 4, 1024, 4096, 4096, 2, 16384, List.of(10.0, 20.0),
            List.of(TierSetup.PREFIX_CACHING, TierSetup.L1_L2), 64, 4, 8, 500, 500, 16, 3, false, 1);

    @Test
    void tabulatesMeanAndP99PerRateAndConfigurationAndStatesTheWorkingSet() {
        List<PointResult> points = List.of(
                new PointResult(TierSetup.PREFIX_CACHING, 10, 256, 0, 0.2, 0.9, 0.2, 0.2, 0, 0, 30),
                new PointResult(TierSetup.L1_L2, 10, 256, 0, 0.08, 0.2, 0.9, 0.2, 0.1, 0.6, 30),
                new PointResult(TierSetup.PREFIX_CACHING, 20, 256, 3, 12.5, 30.25, 0.2, 0.2, 0, 0, 30));

        String section = KvCacheMarkdown.section(PLAN, points);

        // 8 x 500 + 64 x (4 x 500 + 3 x 16) = 135,072 tokens over 16,384 per engine.
        assertThat(section).contains("distinct prefixes 135,072 tokens = 8.2× one engine's GPU KV capacity");
        assertThat(section).contains("| QPS | prefix caching | + L1 + L2 |",
                "| 10 | 0.200 / 0.900 | 0.080 / 0.200 |", "| 20 | 12.5 / 30.3 (3 failed) | – |",
                "| 10 | 20 / 0 / 0 % (cached 20 %) | 20 / 10 / 60 % (cached 90 %) |", "Routing: each request to a "
                        + "random engine");
    }

    @Test
    void writesASessionRoutedRunIntoItsOwnSectionAndChartsKeepingTheRandomOne(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("kvcache.md");
        Files.writeString(report, KvCacheMarkdown.BEGIN + "\nrandom\n" + KvCacheMarkdown.END + "\n"
                + KvCacheMarkdown.SESSION_BEGIN + "\nold\n" + KvCacheMarkdown.SESSION_END + "\n");
        KvCachePlan session = new KvCachePlan(Path.of("c.jar"), report, Path.of("w"), "llama3-8b-a100", 4, 1024,
                4096, 4096, 2, 16384, List.of(10.0), List.of(TierSetup.PREFIX_CACHING), 64, 4, 8, 500, 500, 16, 3,
                true, 1);

        KvCacheMarkdown.write(report, session, List.of(
                new PointResult(TierSetup.PREFIX_CACHING, 10, 256, 0, 0.2, 0.9, 0.2, 0.2, 0, 0, 30)), "machine");

        String markdown = Files.readString(report);
        assertThat(markdown).startsWith(KvCacheMarkdown.BEGIN + "\nrandom\n" + KvCacheMarkdown.END)
                .contains("Routing: a session's turns to one engine", KvCacheMarkdown.SESSION_MEAN_SVG)
                .doesNotContain("old");
        assertThat(dir.resolve(KvCacheMarkdown.SESSION_P99_SVG)).content().contains("session routing");
        assertThat(dir.resolve(KvCacheMarkdown.MEAN_SVG)).doesNotExist();
    }

    @Test
    void sumsTheSamplesOfASeriesWithTheGivenLabel() {
        EngineCounters counters = EngineCounters.of("""
                # TYPE vllm:kv_tier_hit_tokens_total counter
                vllm:kv_tier_hit_tokens_total{engine="0",tier="l1"} 32.0
                vllm:kv_tier_hit_tokens_total{engine="0",tier="l2"} 16.0
                vllm:kv_tier_hit_tokens_total_other{engine="0",tier="l1"} 5.0
                vllm:prefix_cache_hits_total{engine="0"} 7.0
                """);

        assertThat(counters.sum("vllm:kv_tier_hit_tokens_total", "tier=\"l1\"")).isEqualTo(32);
        assertThat(counters.sum("vllm:kv_tier_hit_tokens_total", "")).isEqualTo(48);
        assertThat(counters.sum("vllm:prefix_cache_hits_total", "")).isEqualTo(7);
        assertThat(counters.sum("vllm:absent", "")).isZero();
    }
}
