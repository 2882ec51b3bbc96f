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

/** Tests for {@link PowerOfTwoRoutingStrategy}. */
class PowerOfTwoRoutingStrategyTests {

    private final List<Candidate> equallyLoaded = List.of(candidate("a", 1), candidate("b", 1), candidate("c", 1));

    @Test
    void takesTheLessLoadedOfTwoDrawnCandidates() {
        List<Candidate> candidates = List.of(candidate("a", 5), candidate("b", 1), candidate("c", 0));
        PowerOfTwoRoutingStrategy strategy = new PowerOfTwoRoutingStrategy(new RoutingFixtures.ScriptedRandom(0, 0));

        // Draws a, then index 0 of the remaining {b, c}: b.
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("b");
    }

    @Test
    void breaksTiesInFavourOfTheFirstDrawn() {
        PowerOfTwoRoutingStrategy strategy = new PowerOfTwoRoutingStrategy(new RoutingFixtures.ScriptedRandom(2, 0));

        assertThat(host(strategy.route(request(), equallyLoaded))).isEqualTo("c");
    }

    @Test
    void neverDrawsTheSameCandidateTwice() {
        List<Candidate> candidates = List.of(candidate("a", 0), candidate("b", 3), candidate("c", 1));
        // The second draw 1 of the remaining two skips the first (b) and lands on c.
        PowerOfTwoRoutingStrategy strategy = new PowerOfTwoRoutingStrategy(new RoutingFixtures.ScriptedRandom(1, 1));

        assertThat(host(strategy.route(request(), candidates))).isEqualTo("c");
    }

    @Test
    void routesToTheOnlyCandidateWithoutDrawing() {
        PowerOfTwoRoutingStrategy strategy = new PowerOfTwoRoutingStrategy(new RoutingFixtures.ScriptedRandom());

        assertThat(host(strategy.route(request(), List.of(candidate("a", 4))))).isEqualTo("a");
    }

    @Test
    void favoursLessLoadedCandidatesInProportionToThePairsTheyWin() {
        PowerOfTwoRoutingStrategy strategy = new PowerOfTwoRoutingStrategy(new SplittableRandom(7));
        List<Candidate> candidates = List.of(candidate("idle", 0), candidate("light", 1), candidate("busy", 2),
                candidate("busiest", 3));
        Map<String, Integer> counts = new HashMap<>();
        int draws = 40_000;

        for (int i = 0; i < draws; i++) {
            counts.merge(host(strategy.route(request(), candidates)), 1, Integer::sum);
        }

        // Of the 12 ordered pairs, idle wins 6, light 4, busy 2, busiest none.
        Offset<Double> tolerance = Offset.offset(0.015);
        assertThat(counts.get("idle") / (double) draws).isCloseTo(6 / 12.0, tolerance);
        assertThat(counts.get("light") / (double) draws).isCloseTo(4 / 12.0, tolerance);
        assertThat(counts.get("busy") / (double) draws).isCloseTo(2 / 12.0, tolerance);
        assertThat(counts).doesNotContainKey("busiest");
    }
}
