package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.workload.GroupSampler;
import io.aibrix.benchmark.workload.OpenLoopWorkload;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.ScheduledRequest;

/** Tests for {@link Scenario}: each workload is engine-model §5.3's definition. */
class ScenarioTests {

    @Test
    void sharedPrefixScenariosFollowTheDefinition() {
        assertThat(Scenario.A.workload(1, 1).parameters()).containsEntry("qps", 12.0).containsEntry("groups", 40)
                .containsEntry("groupDistribution", "uniform").containsEntry("prefixTokens", 3000)
                .containsEntry("suffixTokens", 300).containsEntry("outputTokens", 150);
        assertThat(Scenario.C.workload(1, 1).parameters()).containsEntry("qps", 30.0).containsEntry("groups", 16)
                .containsEntry("groupDistribution", "zipf(1.5)").containsEntry("prefixTokens", 3000);
        assertThat(GroupSampler.zipf(16, 1.5).probability(0)).isCloseTo(0.47, within(0.02));
    }

    @Test
    void multiTurnAndMixedScenariosFollowTheDefinition() {
        assertThat(Scenario.B.workload(1, 1).parameters()).containsEntry("sessionRate", 1.5)
                .containsEntry("systemPrompts", 8).containsEntry("systemPromptTokens", 1000)
                .containsEntry("turns", 8).containsEntry("userTokens", 200).containsEntry("outputTokens", 150)
                .containsEntry("meanThinkSeconds", 3.0);
        assertThat(Scenario.D.workload(1, 1).parameters()).containsEntry("qps", 16.0)
                .containsEntry("mix", "0.9:300:150,0.1:6000:600");
    }

    @Test
    void fairnessScenarioSendsThreeUserClassesWithUsers() {
        List<ScheduledRequest> requests = schedule(Scenario.E, 1, 600);
        assertThat(requests).extracting(r -> r.spec().tags().userClass()).containsOnly("light", "medium", "heavy");
        assertThat(requests).allSatisfy(r -> assertThat(r.spec().user()).startsWith(r.spec().tags().userClass()
                + "-"));
        double light = requests.stream().filter(r -> r.spec().tags().userClass().equals("light")).count() / 600.0;
        assertThat(light).isCloseTo(0.40, within(0.06));
    }

    @Test
    void loadScaleMultipliesArrivalRates() {
        assertThat(Scenario.A.workload(1, 0.5).parameters()).containsEntry("qps", 6.0);
        assertThat(Scenario.B.workload(1, 2).parameters()).containsEntry("sessionRate", 3.0);
    }

    @Test
    void sameSeedGivesTheSameRequestsForEveryStrategy() {
        assertThat(schedule(Scenario.D, 4, 50)).isEqualTo(schedule(Scenario.D, 4, 50));
        assertThat(schedule(Scenario.D, 4, 50)).isNotEqualTo(schedule(Scenario.D, 5, 50));
    }

    @Test
    void parsesNamesCaseInsensitivelyAndRejectsOthers() {
        assertThat(Scenario.parse(" c ")).isEqualTo(Scenario.C);
        assertThatThrownBy(() -> Scenario.parse("F")).hasMessageContaining("unknown scenario 'F'")
                .hasMessageContaining("[A, B, C, D, E]");
    }

    @Test
    void prefixScenariosDefaultToTheIssuesSixStrategiesAndFairnessToVtc() {
        assertThat(Scenario.A.defaultStrategies()).containsExactly("random", "least-request", "least-kv-cache",
                "prefix-cache", "prefix-cache-preble", "kv-aware");
        assertThat(Scenario.E.defaultStrategies()).containsExactly("random", "least-request", "vtc-basic");
    }

    private static List<ScheduledRequest> schedule(Scenario scenario, long seed, long count) {
        List<ScheduledRequest> requests = new ArrayList<>();
        ((OpenLoopWorkload) scenario.workload(seed, 1)).schedule(new RunLimits(null, count))
                .forEachRemaining(requests::add);
        return requests;
    }
}
