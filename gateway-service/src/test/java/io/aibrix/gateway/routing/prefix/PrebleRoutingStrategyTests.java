package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.chat;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link PrebleRoutingStrategy}. */
class PrebleRoutingStrategyTests {

    private static final String GROUP = words(1, 600);

    private static final PrebleCostModel COSTS = new PrebleCostModel(48e-6, 250e-6, 45);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final PrefixIndex index = new PrefixIndex(clock, Duration.ofMinutes(10), 100_000);

    private final WorkWindows load = new WorkWindows(clock, Duration.ofSeconds(60));

    private final PrebleRoutingStrategy strategy = new PrebleRoutingStrategy(
            new PrefixMatcher(new PromptHasher(PrefixTokenizer.CHARACTERS, 64, 16, 0), index, new LoadGuard(8, 1.0)),
            COSTS, load, 0.5, new PrefixRoutingMeters(meters, PrebleRoutingStrategy.NAME, index));

    private final Router router = new Router(new RoutingStrategyRegistry(List.of(strategy)), new SplittableRandom(5),
            meters);

    private int suffixSeed = 1000;

    @Test
    void exploitsALongSharedPrefixOnTheLeastLoadedHolder() {
        routeTo("a", GROUP);
        routeTo("b", GROUP);
        load.add("a:8000", 5.0);

        // "c" holds nothing and has no load, but the prompt is mostly cached on "a" and "b".
        assertThat(route(GROUP, List.of(pod("a", 0), pod("b", 0), pod("c", 0)))).isEqualTo("b");
        assertThat(selections("prefix_match")).isEqualTo(1);
    }

    @Test
    void exploresByCostWhenNoPodHoldsMoreThanTheThreshold() {
        String shortShared = GROUP.substring(0, 1000);
        routeTo("a", shortShared);
        load.add("a:8000", 5.0);
        load.add("b:8000", 1.0);

        // About a third of the prompt is cached on "a": not a long shared prefix, so load decides.
        assertThat(route(shortShared + " " + words(9, 400), List.of(pod("a", 0), pod("b", 0), pod("c", 0))))
                .isEqualTo("c");
        assertThat(selections("load_guard")).isEqualTo(1);
    }

    @Test
    void weighsTheUncachedPrefillOfEachPodWhenExploring() {
        String shortShared = GROUP.substring(0, 1000);
        routeTo("a", shortShared);
        load.add("b:8000", load.load("a:8000"));

        // Equal load: the partial match on "a" saves prefill time there.
        assertThat(route(shortShared + " " + words(9, 400), List.of(pod("a", 0), pod("b", 0)))).isEqualTo("a");
    }

    @Test
    void avoidsEvictingFromAPodWhoseKvCacheIsFull() {
        List<Candidate> candidates = List.of(pod("a", 0, 0.95), pod("b", 0, 0.10));

        assertThat(route(words(3, 600), candidates)).isEqualTo("b");
    }

    @Test
    void spreadsNewPrefixesByTheWorkAlreadyRoutedToEachPod() {
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0), pod("c", 0));
        Set<String> chosen = new HashSet<>();
        for (int group = 0; group < 3; group++) {
            chosen.add(route(words(100 + group, 600), idle));
        }

        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void addsEachRoutedRequestsPrefillAndDecodeTimeToItsPodsLoad() {
        RoutingRequest request = new RoutingRequest("r", PrefixFixtures.MODEL, "x".repeat(400), 100, 20, true, null,
                Map.of());
        router.route(PrebleRoutingStrategy.NAME, request, List.of(pod("a", 0)));
        RoutingRequest unbounded = new RoutingRequest("r", PrefixFixtures.MODEL, "y".repeat(400), 100, -1, true,
                null, Map.of());
        router.route(PrebleRoutingStrategy.NAME, unbounded, List.of(pod("b", 0)));

        assertThat(load.load("a:8000")).isCloseTo(100 * 48e-6 + 20 * 250e-6, within(1e-9));
        assertThat(load.load("b:8000")).isCloseTo(100 * 48e-6 + 45 * 250e-6, within(1e-9));
    }

    @Test
    void forgetsWorkOlderThanTheWindow() {
        routeTo("a", GROUP);
        load.add("a:8000", 5.0);
        clock.advance(Duration.ofSeconds(61));
        load.add("b:8000", 0.5);

        assertThat(route(words(4, 600), List.of(pod("a", 0), pod("b", 0)))).isEqualTo("a");
    }

    @Test
    void skipsAnOverloadedHolder() {
        routeTo("a", GROUP);

        assertThat(route(GROUP, List.of(pod("a", 30), pod("b", 10), pod("c", 10)))).isNotEqualTo("a");
    }

    @Test
    void scoresOnlyTheHoldersOfALongPrefixWhenExploiting() {
        routeTo("a", GROUP);

        double[] exploit = strategy.scoreAll(chat(GROUP), List.of(pod("a", 0), pod("b", 0), pod("c", 40)));
        double[] explore = strategy.scoreAll(chat(words(8, 600)), List.of(pod("a", 0), pod("b", 0, 0.5)));

        assertThat(exploit[0]).isCloseTo(load.load("a:8000") + 14 * 48e-6, within(1e-9));
        assertThat(exploit[1]).as("not a holder").isNaN();
        assertThat(exploit[2]).as("overloaded").isNaN();
        assertThat(explore[0]).isCloseTo(load.load("a:8000") + 750 * 48e-6, within(1e-9));
        assertThat(explore[1]).as("with eviction").isCloseTo(1.5 * 750 * 48e-6, within(1e-9));
        assertThat(strategy.polarity()).isEqualTo(PodScorer.Polarity.LOWER_IS_BETTER);
    }

    private double selections(String reason) {
        return meters.get("gateway.routing.prefix.selections")
                .tags("strategy", PrebleRoutingStrategy.NAME, "reason", reason)
                .counter()
                .count();
    }

    private String route(String prefix, List<Candidate> candidates) {
        RoutingRequest request = chat(prefix + " " + words(suffixSeed++, 60));
        return router.route(PrebleRoutingStrategy.NAME, request, candidates).target().host();
    }

    private void routeTo(String host, String prompt) {
        router.route(PrebleRoutingStrategy.NAME, chat(prompt), List.of(pod(host, 0)));
    }
}
