package io.aibrix.benchmark.routing;

import static io.aibrix.benchmark.routing.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.routing.CheckResult.Status;

/** Tests for {@link AcceptanceChecks}. */
class AcceptanceChecksTests {

    @Test
    void scenarioAPassesWhenPrefixAwareStrategiesBeatTheBaselinesByTheIssuesMargins() {
        List<CheckResult> checks = evaluate(plan(Scenario.A), scenarioA(0.05, 0.88, 0.05, 0.90));

        assertThat(checks).filteredOn(c -> c.scenario().equals("A")).hasSize(7).allMatch(CheckResult::passed);
        assertThat(check(checks, "prefix-cache TTFT mean <= 0.35 x random").measured())
                .isEqualTo("50 ms vs 300 ms (0.17x)");
    }

    @Test
    void checksCompareTheMeansOverSeeds() {
        List<RunMeasurement> runs = new ArrayList<>(scenarioA(0.05, 0.88, 0.05, 0.90));
        // prefix-cache over seeds 1-2: TTFT 0.09 s <= 0.35 x 0.30 and <= 0.5 x 0.21; hit rate 0.79
        runs.add(run(Scenario.A, "random", 2, 1, 0.3, 2.0, 0.4, 0.3));
        runs.add(run(Scenario.A, "least-request", 2, 1, 0.2, 0.6, 0.4, 0.26));
        runs.add(run(Scenario.A, "prefix-cache", 2, 1, 0.13, 0.2, 0.7, 0.27));

        List<CheckResult> checks = evaluate(plan(Scenario.A), runs);

        assertThat(check(checks, "prefix-cache TTFT mean <= 0.35 x random").status()).isEqualTo(Status.PASS);
        assertThat(check(checks, "prefix-cache TTFT mean <= 0.5 x least-request").status()).isEqualTo(Status.PASS);
        assertThat(check(checks, "prefix-cache cluster prefix hit rate >= 0.75").status()).isEqualTo(Status.PASS);
        // a bad third seed pulls the means to TTFT 0.23 s and hit rate 0.56
        runs.add(run(Scenario.A, "prefix-cache", 3, 1, 0.5, 0.9, 0.1, 0.27));
        List<CheckResult> worse = evaluate(plan(Scenario.A), runs);
        assertThat(check(worse, "prefix-cache TTFT mean <= 0.35 x random").status()).isEqualTo(Status.FAIL);
        assertThat(check(worse, "prefix-cache cluster prefix hit rate >= 0.75").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void checksOfAStrategyTheGatewayLacksAreNotRunWithTheReason() {
        List<RunMeasurement> runs = scenarioA(0.05, 0.88, 0.05, 0.9).stream()
                .filter(r -> !r.key().strategy().equals("kv-aware")).toList();
        RoutingResults results = new RoutingResults(runs, Map.of("kv-aware", "unknown routing strategy"));

        List<CheckResult> checks = AcceptanceChecks.evaluate(results, plan(Scenario.A));

        assertThat(checks).filteredOn(c -> c.check().startsWith("kv-aware")).hasSize(4)
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(Status.NOT_RUN);
                    assertThat(c.measured()).isEqualTo("kv-aware is not in this gateway build");
                });
        assertThat(checks).filteredOn(c -> c.check().startsWith("prefix-cache")).allMatch(CheckResult::passed);
    }

    @Test
    void hotPrefixScenarioNeedsATailNoWorseThanLeastRequestAndNoEngineAboveFortyPercent() {
        List<CheckResult> checks = evaluate(plan(Scenario.C), List.of(
                run(Scenario.C, "least-request", 1, 1, 0.09, 0.30, 0.5, 0.25),
                run(Scenario.C, "prefix-cache", 1, 1, 0.06, 0.14, 0.8, 0.45),
                run(Scenario.C, "kv-aware", 1, 1, 0.06, 0.31, 0.8, 0.30)));

        assertThat(check(checks, "prefix-cache TTFT p99 <= least-request's").status()).isEqualTo(Status.PASS);
        assertThat(check(checks, "prefix-cache largest engine share <= 0.4").status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, "kv-aware TTFT p99 <= least-request's").status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, "kv-aware largest engine share <= 0.4").status()).isEqualTo(Status.PASS);
    }

    @Test
    void noSharingScenarioAllowsTenPercentOverLeastRequestAndNoServerErrors() {
        List<CheckResult> checks = evaluate(plan(Scenario.D), List.of(
                run(Scenario.D, "random", 1, 1, 0.5, 5.9, null, 0.3, Map.of(), 2),
                run(Scenario.D, "least-request", 1, 1, 0.20, 3.6, null, 0.26),
                run(Scenario.D, "prefix-cache", 1, 1, 0.219, 3.6, null, 0.26),
                run(Scenario.D, "kv-aware", 1, 1, 0.23, 3.6, null, 0.26)));

        assertThat(check(checks, "prefix-cache TTFT mean <= 1.1 x least-request").status()).isEqualTo(Status.PASS);
        assertThat(check(checks, "kv-aware TTFT mean <= 1.1 x least-request").status()).isEqualTo(Status.FAIL);
        CheckResult errors = check(checks, "no 5xx answers (every strategy)");
        assertThat(errors.status()).isEqualTo(Status.FAIL);
        assertThat(errors.measured()).isEqualTo("2 5xx in 4 strategies");
    }

    @Test
    void fairnessNeedsLowerLightUserLatencyAndAtMostTenPercentHigherOverallLatency() {
        List<CheckResult> good = evaluate(plan(Scenario.E), List.of(
                run(Scenario.E, "random", 1, 1, 0.1, 0.5, null, 0.25, Runs.classes(1.4, 6.0), 0),
                run(Scenario.E, "vtc-basic", 1, 1, 0.105, 0.5, null, 0.3, Runs.classes(1.1, 6.5), 0)));
        assertThat(good).filteredOn(c -> c.scenario().equals("E")).hasSize(2).allMatch(CheckResult::passed);

        List<CheckResult> bad = evaluate(plan(Scenario.E), List.of(
                run(Scenario.E, "random", 1, 1, 0.1, 0.5, null, 0.25, Runs.classes(1.4, 6.0), 0),
                run(Scenario.E, "vtc-basic", 1, 1, 0.12, 0.5, null, 0.3, Runs.classes(1.5, 6.5), 0)));
        assertThat(check(bad, "vtc-basic light users' mean E2E < random's").status()).isEqualTo(Status.FAIL);
        assertThat(check(bad, "vtc-basic overall mean E2E <= 1.1 x random").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void kvAwareMayTrailPrefixCacheByFivePercentOfNoise() {
        List<CheckResult> within = evaluate(plan(Scenario.A), scenarioA(0.050, 0.88, 0.052, 0.9));
        List<CheckResult> beyond = evaluate(plan(Scenario.A), scenarioA(0.050, 0.88, 0.060, 0.9));

        assertThat(check(within, "kv-aware TTFT mean <= 1.05 x prefix-cache").status()).isEqualTo(Status.PASS);
        assertThat(check(beyond, "kv-aware TTFT mean <= 1.05 x prefix-cache").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void replicasMustKeepNinetyPercentOfOneGatewaysHitRate() {
        List<RunMeasurement> runs = new ArrayList<>(scenarioA(0.05, 0.88, 0.05, 0.9));
        runs.add(run(Scenario.A, "prefix-cache", 1, 2, 0.06, 0.1, 0.80, 0.26));
        RoutingPlan plan = plan(Scenario.A, List.of("prefix-cache"));
        assertThat(check(evaluate(plan, runs), "prefix-cache hit rate with 2 gateways >= 0.9 x with 1")
                .status()).isEqualTo(Status.PASS);

        runs.set(runs.size() - 1, run(Scenario.A, "prefix-cache", 1, 2, 0.2, 0.5, 0.78, 0.26));
        CheckResult failed = check(evaluate(plan, runs),
                "prefix-cache hit rate with 2 gateways >= 0.9 x with 1");
        assertThat(failed.status()).isEqualTo(Status.FAIL);
        assertThat(failed.measured()).isEqualTo("0.780 vs 0.880");
    }

    private static List<RunMeasurement> scenarioA(double prefixTtft, double prefixHit, double kvTtft, double kvHit) {
        return List.of(
                run(Scenario.A, "random", 1, 1, 0.30, 2.2, 0.40, 0.30),
                run(Scenario.A, "least-request", 1, 1, 0.22, 0.61, 0.40, 0.26),
                run(Scenario.A, "prefix-cache", 1, 1, prefixTtft, 0.09, prefixHit, 0.27),
                run(Scenario.A, "kv-aware", 1, 1, kvTtft, 0.08, kvHit, 0.27));
    }

    private static RoutingPlan plan(Scenario scenario) {
        return plan(scenario, List.of());
    }

    private static RoutingPlan plan(Scenario scenario, List<String> replicaStrategies) {
        RoutingPlan defaults = RoutingPlan.issueDefaults(Path.of("results"));
        return new RoutingPlan(List.of(scenario), null, List.of(1L), 60, 15, 1, replicaStrategies, 2, 1, 0,
                defaults.requestTimeout(), defaults.cluster(), defaults.resultsDirectory(), false);
    }

    private static List<CheckResult> evaluate(RoutingPlan plan, List<RunMeasurement> runs) {
        return AcceptanceChecks.evaluate(new RoutingResults(runs, Map.of()), plan);
    }

    private static CheckResult check(List<CheckResult> checks, String name) {
        return checks.stream().filter(c -> c.check().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + checks));
    }
}
