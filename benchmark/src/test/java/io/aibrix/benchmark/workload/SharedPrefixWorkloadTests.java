package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Tests for {@link SharedPrefixWorkload}. */
class SharedPrefixWorkloadTests {

    @Test
    void prefixIsByteIdenticalWithinAGroup() {
        List<ScheduledRequest> requests = schedule(workload(1), 300);
        Map<Integer, List<String>> byGroup = requests.stream().collect(Collectors.groupingBy(
                r -> r.spec().tags().group(), Collectors.mapping(SharedPrefixWorkloadTests::prompt,
                        Collectors.toList())));
        assertThat(byGroup).hasSize(4);
        byGroup.forEach((group, prompts) -> {
            String prefix = workload(1).prefix(group);
            assertThat(prompts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p).startsWith(prefix + " "));
        });
    }

    @Test
    void prefixesDifferAcrossGroupsAndSuffixesAreUnique() {
        SharedPrefixWorkload workload = workload(1);
        assertThat(Set.of(workload.prefix(0), workload.prefix(1), workload.prefix(2), workload.prefix(3)))
                .hasSize(4);
        Set<String> suffixes = new HashSet<>();
        for (ScheduledRequest request : schedule(workload, 200)) {
            suffixes.add(prompt(request).substring(workload.prefix(request.spec().tags().group()).length()));
        }
        assertThat(suffixes).hasSize(200);
    }

    @Test
    void promptCostsPrefixPlusSuffixTokens() {
        for (ScheduledRequest request : schedule(workload(3), 20)) {
            assertThat(prompt(request).split(" ")).hasSize(64 + 8);
            assertThat(request.spec().maxTokens()).isEqualTo(5);
        }
    }

    @Test
    void sameSeedGivesSamePromptsArrivalsAndGroups() {
        assertThat(schedule(workload(9), 100)).isEqualTo(schedule(workload(9), 100));
        assertThat(schedule(workload(9), 100)).isNotEqualTo(schedule(workload(10), 100));
    }

    @Test
    void durationAndRequestLimitsStopTheSchedule() {
        List<ScheduledRequest> byTime = new ArrayList<>();
        workload(1).schedule(new RunLimits(10.0, null)).forEachRemaining(byTime::add);
        assertThat(byTime).isNotEmpty().allSatisfy(r -> assertThat(r.atSeconds()).isLessThan(10.0));
        assertThat(byTime.size()).isBetween(60, 140);
        assertThat(byTime).extracting(ScheduledRequest::id).startsWith(0L, 1L, 2L);

        List<ScheduledRequest> byCount = new ArrayList<>();
        workload(1).schedule(new RunLimits(1000.0, 7L)).forEachRemaining(byCount::add);
        assertThat(byCount).hasSize(7);
    }

    private static SharedPrefixWorkload workload(long seed) {
        return new SharedPrefixWorkload(10, GroupSampler.uniform(4), 64, 8, 5, new RandomStreams(seed));
    }

    private static List<ScheduledRequest> schedule(SharedPrefixWorkload workload, long count) {
        List<ScheduledRequest> requests = new ArrayList<>();
        workload.schedule(new RunLimits(null, count)).forEachRemaining(requests::add);
        return requests;
    }

    private static String prompt(ScheduledRequest request) {
        return request.spec().messages().getFirst().content();
    }
}
