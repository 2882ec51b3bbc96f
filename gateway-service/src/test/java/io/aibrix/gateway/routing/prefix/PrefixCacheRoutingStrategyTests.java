package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.chat;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PrefixCacheRoutingStrategy}. */
class PrefixCacheRoutingStrategyTests {

    private static final String GROUP_A = words(1, 600);

    private static final String GROUP_B = words(2, 600);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final PrefixCacheRoutingStrategy strategy = strategy(PrefixTokenizer.CHARACTERS);

    private final Router router = new Router(new RoutingStrategyRegistry(List.of(strategy)), new SplittableRandom(7),
            meters);

    private int suffixSeed = 1000;

    @Test
    void routesToPodHoldingLongestPrefix() {
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0), pod("c", 0));
        String first = route(GROUP_A, idle);

        for (int i = 0; i < 10; i++) {
            assertThat(route(GROUP_A, idle)).isEqualTo(first);
        }
    }

    @Test
    void prefersTheLongerOfTwoPartialMatches() {
        String shortPrefix = GROUP_A.substring(0, 1000);
        routeTo("a", shortPrefix + " " + words(5, 400));
        routeTo("b", GROUP_A);

        assertThat(route(GROUP_A, List.of(pod("a", 0), pod("b", 0), pod("c", 0)))).isEqualTo("b");
    }

    @Test
    void spreadsDistinctPrefixesOverIdlePods() {
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0), pod("c", 0));
        Set<String> chosen = new HashSet<>();
        for (int group = 0; group < 3; group++) {
            chosen.add(route(words(100 + group, 600), idle));
        }

        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void skipsAnEngineWhoseKvCacheIsFullForItsCachedPrefix() {
        routeTo("a", GROUP_A);

        assertThat(route(GROUP_A, List.of(pod("a", 0, 0.97), pod("b", 1, 0.5), pod("c", 1, 0.5))))
                .isNotEqualTo("a");
    }

    @Test
    void keepsALongCachedPrefixOnASomewhatBusierPod() {
        routeTo("a", GROUP_A);

        // ~89 uncached tokens + 2 x 256 on "a" beats ~825 uncached tokens on an idle pod.
        assertThat(route(GROUP_A, List.of(pod("a", 2), pod("b", 0), pod("c", 0)))).isEqualTo("a");
    }

    @Test
    void leavesTheHolderWhenItsExtraLoadOutweighsThePrefix() {
        routeTo("a", GROUP_A);

        assertThat(route(GROUP_A, List.of(pod("a", 4), pod("b", 0), pod("c", 1)))).isEqualTo("b");
    }

    @Test
    void skipsAnOverloadedHolderAndReplicatesItsPrefix() {
        routeTo("a", GROUP_A);

        String overloaded = route(GROUP_A, List.of(pod("a", 30), pod("b", 10), pod("c", 12)));
        String replica = route(GROUP_A, List.of(pod("a", 30), pod("b", 11), pod("c", 10)));

        assertThat(overloaded).isEqualTo("b");
        assertThat(replica).as("the replica holds the prefix now").isEqualTo("b");
        assertThat(selections("load_guard")).isEqualTo(1);
        assertThat(selections("prefix_match")).isEqualTo(1);
    }

    @Test
    void routesUnsharedPromptsLikeLeastRequest() {
        for (int i = 0; i < 20; i++) {
            List<Candidate> candidates = List.of(pod("a", i % 4), pod("b", 3 - i % 4), pod("c", 5));
            String least = candidates.stream().min((x, y) -> Integer.compare(x.inFlight(), y.inFlight())).orElseThrow()
                    .endpoint().host();

            assertThat(route(words(500 + i, 600), candidates)).isEqualTo(least);
        }
        assertThat(selections("no_match")).isEqualTo(20);
    }

    /** A skewed stream onto four pods: Zipf(1.5) over 16 groups, each request in flight for the next 120 arrivals. */
    @Test
    void spreadsAHotPrefixOverSeveralPodsInsteadOfPilingOntoOne() {
        String[] pods = {"a", "b", "c", "d"};
        List<String> prefixes = new ArrayList<>();
        for (int group = 0; group < 16; group++) {
            prefixes.add(words(200 + group, 3000));
        }
        double[] cumulative = zipf(16, 1.5);
        SplittableRandom random = new SplittableRandom(11);
        Map<String, Integer> inFlight = new HashMap<>();
        Map<String, Integer> share = new HashMap<>();
        Set<String> hotHolders = new HashSet<>();
        Map<Integer, Set<String>> routedTo = new HashMap<>();
        Deque<String> running = new ArrayDeque<>();
        int requests = 2000;
        int hits = 0;
        for (int i = 0; i < requests; i++) {
            if (running.size() == 120) {
                inFlight.merge(running.removeFirst(), -1, Integer::sum);
            }
            int group = sample(cumulative, random.nextDouble());
            List<Candidate> candidates = new ArrayList<>();
            for (String name : pods) {
                candidates.add(pod(name, inFlight.getOrDefault(name, 0)));
            }
            RoutingRequest request = chat(prefixes.get(group) + " " + words(random.nextLong(), 300));
            String chosen = route(request, candidates);
            hits += routedTo.computeIfAbsent(group, g -> new HashSet<>()).add(chosen) ? 0 : 1;
            inFlight.merge(chosen, 1, Integer::sum);
            share.merge(chosen, 1, Integer::sum);
            running.addLast(chosen);
            if (group == 0) {
                hotHolders.add(chosen);
            }
        }

        assertThat(share.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(requests * 40 / 100));
        assertThat(hotHolders).hasSizeGreaterThanOrEqualTo(2);
        assertThat(hits).as("requests sent to a pod holding their prefix").isGreaterThan(requests * 85 / 100);
    }

    @Test
    void scoresEachPodByTheCostItIsRoutedBy() {
        routeTo("a", GROUP_A);
        routeTo("b", GROUP_A.substring(0, 1500));

        // 750 prompt tokens; "a" holds 2944 of its 2999 characters, "b" 1472.
        double[] scores = strategy.scoreAll(chat(GROUP_A), List.of(pod("a", 0), pod("b", 0), pod("c", 1)));
        double[] guarded = strategy.scoreAll(chat(GROUP_A), List.of(pod("a", 40), pod("b", 0), pod("c", 0)));

        assertThat(scores).containsExactly(14, 382, 750 + 256);
        assertThat(guarded[0]).as("overloaded").isNaN();
        assertThat(strategy.score(chat(GROUP_A), pod("a", 40))).isEqualTo(14 + 40 * 256);
        assertThat(strategy.polarity()).isEqualTo(PodScorer.Polarity.LOWER_IS_BETTER);
    }

    @Test
    void learnsFromDecisionsWhenWeightedWithALoadScorer() {
        Router combined = new Router(new RoutingStrategyRegistry(List.of(strategy, new InFlightScorer())),
                new SplittableRandom(9), meters);
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0), pod("c", 0));
        String first = combined.route("prefix-cache:2,in-flight", chat(GROUP_A), idle).target().host();

        for (int i = 0; i < 5; i++) {
            RoutingRequest request = chat(GROUP_A + " " + words(suffixSeed++, 60));
            assertThat(combined.route("prefix-cache:2,in-flight", request, idle).target().host()).isEqualTo(first);
        }
        List<Candidate> busy = List.of(pod(first, 6), pod("x", 0), pod("y", 0));
        assertThat(combined.route("prefix-cache,in-flight:3", chat(GROUP_A + " tail"), busy).target().host())
                .as("load outweighs the prefix at these weights").isNotEqualTo(first);
    }

    @Test
    void countsDecisionsByMatchShareAndIndexSize() {
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0));
        route(GROUP_A, idle);
        route(GROUP_A, idle);

        assertThat(meters.get("gateway.routing.prefix.decisions").tags("strategy", "prefix-cache", "match", "0")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("gateway.routing.prefix.decisions").tags("strategy", "prefix-cache", "match", "76-100")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("gateway.routing.prefix.prompts").tags("strategy", "prefix-cache", "tokenizer",
                "characters").counter().count()).isEqualTo(2);
        assertThat(meters.get("gateway.routing.prefix.index.blocks").tag("strategy", "prefix-cache").gauge().value())
                .isGreaterThanOrEqualTo(46);
    }

    @Test
    void routesByEngineTokenIdsInEngineMode() {
        PrefixCacheRoutingStrategy engine = strategy(PrefixTokenizer.ENGINE);
        int[] ids = new int[64];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + i;
        }
        int[] sameStart = ids.clone();
        sameStart[63] = 7;
        List<Candidate> idle = List.of(pod("a", 0), pod("b", 0), pod("c", 0));

        String first = routeWith(engine, chat("first").withPromptTokenIds(ids), idle).target().host();
        Decision second = routeWith(engine, chat("unrelated text").withPromptTokenIds(sameStart), idle);

        assertThat(engine.needsPromptTokens()).isTrue();
        assertThat(strategy.needsPromptTokens()).isFalse();
        assertThat(second.target().host()).isEqualTo(first);
        assertThat(meters.get("gateway.routing.prefix.prompts").tags("strategy", "engine-mode", "tokenizer", "engine")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void forgetsPodsThatLeftDiscovery() {
        routeTo("a", GROUP_A);
        strategy.retainPods(Set.of("b:8000", "c:8000"));

        assertThat(strategy.scoreAll(chat(GROUP_A), List.of(pod("a", 0)))).as("every token uncached")
                .containsExactly(750.0);
    }

    private double selections(String reason) {
        return meters.get("gateway.routing.prefix.selections").tags("strategy", "prefix-cache", "reason", reason)
                .counter().count();
    }

    private PrefixCacheRoutingStrategy strategy(PrefixTokenizer tokenizer) {
        PrefixIndex index = new PrefixIndex(clock, Duration.ofMinutes(10), 100_000);
        String name = tokenizer == PrefixTokenizer.CHARACTERS ? "prefix-cache" : "engine-mode";
        return new PrefixCacheRoutingStrategy(matcher(tokenizer, index), 256,
                new PrefixRoutingMeters(meters, name, index));
    }

    private static PrefixMatcher matcher(PrefixTokenizer tokenizer, PrefixIndex index) {
        return new PrefixMatcher(new PromptHasher(tokenizer, 64, 16, 0), index, new LoadGuard(8, 1.0, 0.9));
    }

    /** Routes the prefix plus a fresh 60-word suffix through the router; returns the chosen host. */
    private String route(String prefix, List<Candidate> candidates) {
        return route(chat(prefix + " " + words(suffixSeed++, 60)), candidates);
    }

    private String route(RoutingRequest request, List<Candidate> candidates) {
        return router.route(PrefixCacheRoutingStrategy.NAME, request, candidates).target().host();
    }

    /** Indexes the prompt on one pod by routing it there as the only candidate. */
    private void routeTo(String host, String prompt) {
        route(chat(prompt), List.of(pod(host, 0)));
    }

    private Decision routeWith(PrefixCacheRoutingStrategy other, RoutingRequest request, List<Candidate> candidates) {
        Router own = new Router(new RoutingStrategyRegistry(List.of(other)), new SplittableRandom(3), meters);
        return own.route(PrefixCacheRoutingStrategy.NAME, request, candidates);
    }

    /** A load scorer for combinations: fewer in-flight requests is better. */
    private static final class InFlightScorer implements RoutingStrategy, PodScorer {

        @Override
        public String name() {
            return "in-flight";
        }

        @Override
        public Decision route(RoutingRequest request, List<Candidate> candidates) {
            return Decision.of(candidates.get(0).endpoint());
        }

        @Override
        public double score(RoutingRequest request, Candidate candidate) {
            return candidate.inFlight();
        }

        @Override
        public Polarity polarity() {
            return Polarity.LOWER_IS_BETTER;
        }
    }

    private static double[] zipf(int groups, double exponent) {
        double[] cumulative = new double[groups];
        double total = 0;
        for (int i = 0; i < groups; i++) {
            total += 1 / Math.pow(i + 1, exponent);
            cumulative[i] = total;
        }
        for (int i = 0; i < groups; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
