package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.routing.PodScorer.Polarity;
import io.aibrix.gateway.routing.RoutingFixtures.FixedScorer;
import io.aibrix.gateway.routing.RoutingFixtures.HookedScorer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link WeightedRoutingStrategy} (cases after AIBrix {@code TestScoreAndRank}). */
class WeightedRoutingStrategyTests {

    private static final double NAN = Double.NaN;

    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    private final List<Candidate> candidates = List.of(candidate("A", 0), candidate("B", 0), candidate("C", 0));

    @Test
    void normalisesHigherIsBetterScoresBetweenMinAndMax() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 10, 20, 30, 1));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 0, 0.5, 1 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("C");
    }

    @Test
    void normalisesLowerIsBetterScoresInReverse() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.LOWER_IS_BETTER, 10, 20, 30, 1));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 1, 0.5, 0 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("A");
    }

    @Test
    void dividesWeightedSumByTotalWeight() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 100, 50, 0, 2),
                member(Polarity.LOWER_IS_BETTER, 30, 20, 10, 8));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 0.2, 0.5, 0.8 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("C");
    }

    @Test
    void givesUnscoredPodsZeroButKeepsThemInOtherMembers() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 100, 50, NAN, 1),
                member(Polarity.HIGHER_IS_BETTER, 10, 20, 30, 1));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 0.5, 0.25, 0.5 }, EXACT);
        // A and C tie: the first in order wins.
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("A");
    }

    @Test
    void memberThatScoresNoPodContributesNothing() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, NAN, NAN, NAN, 1),
                member(Polarity.HIGHER_IS_BETTER, 10, 30, 20, 1));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 0, 0.5, 0.25 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("B");
    }

    @Test
    void givesEveryScoredPodOneWhenAllScoresAreEqual() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 10, 10, NAN, 1));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 1, 1, 0 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("A");
    }

    @Test
    void weighsMembersByTheirWeights() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 10, 20, 30, 1),
                member(Polarity.LOWER_IS_BETTER, 10, 20, 30, 3));

        assertThat(strategy.scores(request(), candidates)).containsExactly(new double[] { 0.75, 0.5, 0.25 }, EXACT);
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("A");
    }

    @Test
    void treatsInfiniteScoresAsUnscored() {
        double[] normalised = WeightedRoutingStrategy.normalise(
                new double[] { Double.POSITIVE_INFINITY, 20, 10, Double.NEGATIVE_INFINITY }, Polarity.HIGHER_IS_BETTER);

        assertThat(normalised).containsExactly(new double[] { 0, 1, 0, 0 }, EXACT);
    }

    @Test
    void treatsScoresWithinTieEpsilonAsEqual() {
        WeightedRoutingStrategy strategy = combine(member(Polarity.HIGHER_IS_BETTER, 0, 1e-4, 1, 1),
                member(Polarity.HIGHER_IS_BETTER, 1, 1, NAN, 999_999));

        double[] scores = strategy.scores(request(), candidates);

        // B leads A by 1e-4 / 1e6 = 1e-10, within the tie epsilon: the earlier candidate wins.
        assertThat(scores[1] - scores[0]).isCloseTo(1e-10, Offset.offset(1e-12));
        assertThat(host(strategy.route(request(), candidates))).isEqualTo("A");
    }

    @Test
    void runsEveryMemberHookInMemberOrderEvenWhenOneFails() {
        List<String> log = new ArrayList<>();
        HookedScorer first = new HookedScorer("first", Map.of("A", 1.0, "B", 2.0), log, true);
        HookedScorer second = new HookedScorer("second", Map.of("A", 1.0, "B", 2.0), log, false);
        WeightedRoutingStrategy strategy = new WeightedRoutingStrategy("first:1,second:1", List.of(
                new WeightedRoutingStrategy.Member(first, first, 1),
                new WeightedRoutingStrategy.Member(second, second, 1)));
        Map<String, String> headers = new LinkedHashMap<>();
        List<Candidate> pair = candidates.subList(0, 2);

        Decision decision = strategy.route(request(), pair);
        strategy.afterRoute(request(), pair.get(1), headers);

        assertThat(host(decision)).isEqualTo("B");
        assertThat(log).containsExactly("first->B", "second->B");
        assertThat(headers).containsEntry("x-second", "B");
    }

    private static WeightedRoutingStrategy.Member member(Polarity polarity, double a, double b, double c, int weight) {
        Map<String, Double> scores = new LinkedHashMap<>();
        putScore(scores, "A", a);
        putScore(scores, "B", b);
        putScore(scores, "C", c);
        FixedScorer scorer = new FixedScorer("s" + System.identityHashCode(scores), polarity, scores);
        return new WeightedRoutingStrategy.Member(scorer, scorer, weight);
    }

    private static void putScore(Map<String, Double> scores, String host, double score) {
        if (!Double.isNaN(score)) {
            scores.put(host, score);
        }
    }

    private static WeightedRoutingStrategy combine(WeightedRoutingStrategy.Member... members) {
        return new WeightedRoutingStrategy("test", List.of(members));
    }
}
