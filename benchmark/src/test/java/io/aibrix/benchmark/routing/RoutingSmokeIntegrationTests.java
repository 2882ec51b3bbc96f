package io.aibrix.benchmark.routing;

import static io.aibrix.benchmark.routing.Scenario.Strategies.KV_AWARE;
import static io.aibrix.benchmark.routing.Scenario.Strategies.LEAST_REQUEST;
import static io.aibrix.benchmark.routing.Scenario.Strategies.PREFIX_CACHE;
import static io.aibrix.benchmark.routing.Scenario.Strategies.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aibrix.benchmark.run.NanoClock;

/**
 * Tests for {@link RoutingBenchmark}: the smoke version of the routing benchmark that runs in every build. Scenario A
 * for a few seconds per strategy on fresh in-process clusters, asserting the ordering the full thresholds demand
 * with margins wide enough for a short run on cold caches. Prefix-aware strategies run first, so whatever warming up
 * the JVM still does after the short JIT warm-up handicaps the strategies claimed to be better, never the baselines.
 * Replica runs are left to the full benchmark; {@link BenchmarkClusterIntegrationTests} starts replicas with Redis.
 */
class RoutingSmokeIntegrationTests {

    private static final List<String> PREFIX_AWARE = List.of(PREFIX_CACHE, KV_AWARE);
    private static final double SECONDS = 8;
    /** Long enough to compile the hot paths, so the first strategy is not measured on a cold JIT. */
    private static final double JIT_WARMUP_SECONDS = 3;

    @TempDir
    static Path dir;

    private static final List<String> log = new CopyOnWriteArrayList<>();
    private static RoutingPlan plan;
    private static RoutingResults results;

    @BeforeAll
    static void runScenarioA() {
        plan = new RoutingPlan(List.of(Scenario.A), List.of(PREFIX_CACHE, KV_AWARE, LEAST_REQUEST, RANDOM),
                List.of(1L), SECONDS, 0, 1, List.of(), 1, 1, JIT_WARMUP_SECONDS, Duration.ofSeconds(60),
                ClusterSettings.defaults(), dir.resolve("results"), false);
        results = new RoutingBenchmark(plan, Clock.systemUTC(), NanoClock.system(), null, line -> {
            log.add(line);
            System.out.println(line);
        }).run();
    }

    @Test
    void everyStrategyIsEitherMeasuredOrReportedAsUnknownToTheGateway() {
        for (String strategy : plan.strategiesFor(Scenario.A)) {
            if (results.unavailable().containsKey(strategy)) {
                assertThat(results.unavailable().get(strategy)).contains("unknown routing strategy '" + strategy
                        + "'");
            }
            else {
                assertThat(results.runs(Scenario.A, strategy, 1)).as(strategy).hasSize(1);
            }
        }
        assertThat(results.unavailable()).doesNotContainKeys(LEAST_REQUEST, RANDOM);
        assertThat(log).anyMatch(line -> line.startsWith("[3/4] A seed 1 least-request: "));
    }

    @Test
    void everyRunServesTheSameScheduleWithoutFailures() {
        assertThat(results.runs()).isNotEmpty().allSatisfy(run -> {
            assertThat(run.failed()).as(run.key().toString()).isZero();
            assertThat(run.serverErrors()).as(run.key().toString()).isZero();
            assertThat(run.requests()).as(run.key().toString()).isEqualTo(results.runs().getFirst().requests())
                    .isGreaterThan(60);
            assertThat(run.hitRate()).as(run.key().toString()).isNotNull();
        });
    }

    @Test
    void leastRequestSpreadsOverEveryEngineAndIsNoSlowerThanRandom() {
        RunMeasurement leastRequest = only(LEAST_REQUEST, 1);
        RunMeasurement random = only(RANDOM, 1);

        assertThat(leastRequest.engineShares()).hasSize(4).allSatisfy((engine, share) ->
                assertThat(share).isGreaterThan(0.1));
        assertThat(leastRequest.ttftMean()).isLessThanOrEqualTo(1.5 * random.ttftMean());
    }

    @Test
    void prefixAwareStrategiesHitTheCacheFarMoreAndAnswerSoonerThanTheBaselines() {
        List<String> measured = PREFIX_AWARE.stream().filter(s -> !results.runs(Scenario.A, s, 1).isEmpty())
                .toList();
        assumeFalse(measured.isEmpty(), "no prefix-aware strategy in this gateway build: " + results.unavailable());
        RunMeasurement random = only(RANDOM, 1);
        RunMeasurement leastRequest = only(LEAST_REQUEST, 1);
        for (String strategy : measured) {
            RunMeasurement run = only(strategy, 1);
            assertThat(run.hitRate()).as(strategy + " hit rate").isGreaterThanOrEqualTo(random.hitRate() + 0.15)
                    .isGreaterThanOrEqualTo(leastRequest.hitRate() + 0.15);
            // Most requests of a few cold seconds are their group's first visit, so TTFT separates prefix-aware
            // from least-request only a little this early (hit rate does); it must not fall behind beyond noise.
            assertThat(run.ttftMean()).as(strategy + " TTFT mean").isLessThan(random.ttftMean())
                    .isLessThanOrEqualTo(1.15 * leastRequest.ttftMean());
        }
    }

    @Test
    void reportsRenderFromTheRunAndLinkEveryRunsOwnReport() throws Exception {
        List<CheckResult> checks = AcceptanceChecks.evaluate(results, plan);
        String markdown = RoutingMarkdown.render(plan, results, checks, MachineInfo.current(), "java -jar x routing",
                OffsetDateTime.now(), Duration.ofMinutes(1), "charts/index.html");
        Path charts = dir.resolve("charts");

        String html = RoutingChartsPage.render(plan, results, charts);

        assertThat(markdown).contains("## Scenario A", "| " + LEAST_REQUEST + " | 1 |", "| " + RANDOM + " | 1 |");
        assertThat(results.runs()).allSatisfy(run -> {
            assertThat(run.reportDirectory().resolve("report.html")).isNotEmptyFile();
            assertThat(run.reportDirectory().resolve("summary.json")).isNotEmptyFile();
            assertThat(html).contains("href=\"../results/" + run.key().directoryName() + "/report.html\"");
        });
        assertThat(Files.exists(dir.resolve("results").resolve("A-random-seed1").resolve("requests.jsonl")))
                .isFalse();
    }

    private static RunMeasurement only(String strategy, int gateways) {
        List<RunMeasurement> runs = results.runs(Scenario.A, strategy, gateways);
        assertThat(runs).as(strategy + " with " + gateways + " gateway(s)").hasSize(1);
        return runs.getFirst();
    }
}
