package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tests for {@link RoutingPlan}. */
class RoutingPlanTests {

    private static final Path RESULTS = Path.of("results");

    @Test
    void issueDefaultsRunEveryScenarioStrategyAndSeedThenTheReplicaRuns() {
        List<RunKey> runs = RoutingPlan.issueDefaults(RESULTS).runs();

        // A-D x 6 strategies x 2 seeds, E x 3 x 2, and prefix-cache on A with 2 gateways per seed
        assertThat(runs).hasSize(4 * 6 * 2 + 3 * 2 + 2);
        assertThat(runs.subList(0, 7)).extracting(RunKey::toString).containsExactly("A seed 1 random",
                "A seed 1 least-request", "A seed 1 least-kv-cache", "A seed 1 prefix-cache",
                "A seed 1 prefix-cache-preble", "A seed 1 kv-aware", "A seed 2 random");
        assertThat(runs.subList(runs.size() - 2, runs.size())).extracting(RunKey::toString)
                .containsExactly("A seed 1 prefix-cache (2 gateways)", "A seed 2 prefix-cache (2 gateways)");
    }

    @Test
    void explicitStrategiesReplaceEveryScenariosDefaultsAndReplicasNeedScenarioA() {
        RoutingPlan plan = new RoutingPlan(List.of(Scenario.D, Scenario.E), List.of("random", "a:2,b"),
                List.of(7L), 30, 5, 1, List.of("prefix-cache"), 2, 1, 0,
                RoutingPlan.DEFAULT_REQUEST_TIMEOUT, ClusterSettings.defaults(), RESULTS, false);

        assertThat(plan.runs()).extracting(RunKey::toString).containsExactly("D seed 7 random", "D seed 7 a:2,b",
                "E seed 7 random", "E seed 7 a:2,b");
    }

    @Test
    void runDirectoriesAreFileSystemSafe() {
        assertThat(new RunKey(Scenario.A, "prefix-cache:2,least-request", 1, 2).directoryName())
                .isEqualTo("A-prefix-cache_2_least-request-seed1-gw2");
    }

    @Test
    void rejectsAWarmupAsLongAsTheRun() {
        assertThatThrownBy(() -> new RoutingPlan(List.of(Scenario.A), null, List.of(1L), 30, 30, 1, List.of(), 2,
                1, 0, RoutingPlan.DEFAULT_REQUEST_TIMEOUT, ClusterSettings.defaults(), RESULTS, false))
                .hasMessageContaining("warmup");
    }
}
