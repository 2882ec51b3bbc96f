package io.aibrix.gateway.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RandomRoutingStrategy}. */
class RandomRoutingStrategyTests {

    @Test
    void choosesEveryCandidateEquallyOften() {
        RandomRoutingStrategy strategy = new RandomRoutingStrategy(new SplittableRandom(42));
        List<Candidate> candidates = List.of(candidate("a", 9), candidate("b", 0), candidate("c", 3));
        Map<String, Integer> counts = new HashMap<>();
        int draws = 30_000;

        for (int i = 0; i < draws; i++) {
            counts.merge(host(strategy.route(request(), candidates)), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("a", "b", "c");
        counts.values().forEach(count -> assertThat(count / (double) draws).isCloseTo(1 / 3.0, Offset.offset(0.015)));
    }

    @Test
    void routesToTheOnlyCandidate() {
        RandomRoutingStrategy strategy = new RandomRoutingStrategy(new SplittableRandom(1));

        assertThat(host(strategy.route(request(), List.of(candidate("a", 0))))).isEqualTo("a");
    }
}
