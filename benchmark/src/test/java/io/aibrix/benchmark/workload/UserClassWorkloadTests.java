package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Tests for {@link UserClassWorkload}. */
class UserClassWorkloadTests {

    private static final List<UserClass> CLASSES = List.of(
            new UserClass("light", 3, 4, 5, 10, 2),
            new UserClass("heavy", 1, 2, 40, 60, 7));

    @Test
    void classesGetRequestsInProportionToTheirWeight() {
        Map<String, Long> perClass = schedule(workload(1), 4000).stream()
                .collect(Collectors.groupingBy(r -> r.spec().tags().userClass(), Collectors.counting()));
        assertThat(perClass.get("light") / 4000.0).isCloseTo(0.75, within(0.03));
        assertThat(perClass.get("heavy") / 4000.0).isCloseTo(0.25, within(0.03));
    }

    @Test
    void everyRequestCarriesOneOfItsClassUsersAndTheClassSizes() {
        for (ScheduledRequest request : schedule(workload(2), 500)) {
            RequestSpec spec = request.spec();
            UserClass userClass = CLASSES.stream().filter(c -> c.name().equals(spec.tags().userClass()))
                    .findFirst().orElseThrow();
            assertThat(spec.user()).isIn(List.of(userClass.user(0), userClass.user(1), userClass.user(2),
                    userClass.user(3)).subList(0, userClass.users()));
            assertThat(spec.messages().getFirst().content().split(" ").length)
                    .isBetween(userClass.minPromptTokens(), userClass.maxPromptTokens());
            assertThat(spec.maxTokens()).isEqualTo(userClass.outputTokens());
        }
    }

    @Test
    void everyUserOfAClassSendsRequests() {
        assertThat(schedule(workload(3), 2000).stream().map(r -> r.spec().user()).distinct())
                .containsExactlyInAnyOrder("light-0", "light-1", "light-2", "light-3", "heavy-0", "heavy-1");
    }

    @Test
    void sameSeedGivesTheSameSchedule() {
        assertThat(schedule(workload(9), 200)).isEqualTo(schedule(workload(9), 200));
        assertThat(schedule(workload(9), 200)).isNotEqualTo(schedule(workload(10), 200));
    }

    @Test
    void rejectsDuplicateClassNamesAndEmptyClassLists() {
        assertThatThrownBy(() -> new UserClassWorkload(1, List.of(CLASSES.getFirst(), CLASSES.getFirst()),
                new RandomStreams(1))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new UserClassWorkload(1, List.of(), new RandomStreams(1)))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new UserClass("x", 1, 1, 10, 5, 1)).hasMessageContaining("minPromptTokens");
    }

    private static UserClassWorkload workload(long seed) {
        return new UserClassWorkload(10, CLASSES, new RandomStreams(seed));
    }

    private static List<ScheduledRequest> schedule(UserClassWorkload workload, long count) {
        List<ScheduledRequest> requests = new ArrayList<>();
        workload.schedule(new RunLimits(null, count)).forEachRemaining(requests::add);
        return requests;
    }
}
