package io.aibrix.benchmark.routing;

import static io.aibrix.benchmark.routing.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Tests for {@link RoutingMarkdown} and {@link RoutingChartsPage}. */
class RoutingReportsTests {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", 8L << 30, 2L << 30, "JDK 25",
            "Linux");

    private final RoutingPlan plan = new RoutingPlan(List.of(Scenario.A, Scenario.E), null, List.of(1L), 60, 15, 1,
            List.of("prefix-cache"), 2, 1, 10, RoutingPlan.DEFAULT_REQUEST_TIMEOUT, ClusterSettings.defaults(),
            Path.of("benchmark-results", "routing-x"), false);

    private final RoutingResults results = new RoutingResults(List.of(
            run(Scenario.A, "random", 1, 1, 0.31, 2.2, 0.40, 0.30),
            run(Scenario.A, "prefix-cache", 1, 1, 0.05, 0.09, 0.88, 0.27),
            run(Scenario.A, "prefix-cache", 1, 2, 0.06, 0.10, 0.85, 0.26),
            run(Scenario.E, "random", 1, 1, 0.1, 0.5, null, 0.25, Runs.classes(1.4, 6.0), 0)),
            Map.of("vtc-basic", "unknown routing strategy 'vtc-basic'"));

    @Test
    void markdownStatesTheCommandTheMachineTheChecksAndOneTablePerScenario() {
        List<CheckResult> checks = AcceptanceChecks.evaluate(results, plan);

        String md = RoutingMarkdown.render(plan, results, checks, MACHINE,
                "java -jar benchmark/target/benchmark-*-exec.jar routing --seeds 1", OffsetDateTime.parse(
                        "2026-11-21T10:00:00Z"), Duration.ofSeconds(3723), "routing-charts/index.html");

        assertThat(md).startsWith("# Routing benchmark")
                .contains("java -jar benchmark/target/benchmark-*-exec.jar routing --seeds 1")
                .contains("2 cores (Test CPU), 8.0 GiB RAM")
                .contains("for 62 min 3 s")
                .contains("| A | prefix-cache TTFT mean <= 0.35 x random | 50 ms vs 310 ms (0.16x) | pass |")
                .contains("| A | kv-aware cluster prefix hit rate >= 0.75 | kv-aware was not measured | **not run** |")
                .contains("| E | vtc-basic light users' mean E2E < random's | vtc-basic is not in this gateway build "
                        + "| **not run** |")
                .contains("## Scenario A: Shared prefix, cache-bound")
                .contains("| prefix-cache | 1 | 100 | 50 ms | 40 ms | 90 ms | 1.00 s | 30 ms | 0.880 | 5 | 27.0 % "
                        + "| 0 | 0 |")
                .contains("| random | light | 40 | 50 ms | 1.40 s |")
                .contains("## Gateway replicas (scenario A)")
                .contains("- `vtc-basic`: unknown routing strategy 'vtc-basic'")
                .contains("[routing-charts/index.html](routing-charts/index.html)")
                .contains("-Pbenchmark")
                .contains("used 60 s and 15 s");
        assertThat(md).containsPattern("\\*\\*Status: \\d+ of \\d+ acceptance checks pass, 0 fail, \\d+ not run\\*\\*");
    }

    @Test
    void chartsPageComparesStrategiesPerScenarioAndLinksEveryRunReport() {
        String html = RoutingChartsPage.render(plan, results, Path.of("docs", "benchmarks", "routing-charts"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>A: Shared prefix, cache-bound</h2>")
                .contains("<h2>E: Fairness between user classes</h2>").contains("<h2>A with 2 gateways</h2>")
                .contains("TTFT mean (ms)").contains("Cluster prefix hit rate").contains("TTFT CDF, first seed")
                .contains("href=\"../../../results/A-prefix-cache-seed1/report.html\"")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(html.split("<svg ", -1)).hasSize(1 + 3 * 6);
    }
}
