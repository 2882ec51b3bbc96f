package io.aibrix.gateway.routing.kvaware;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.kvevents.KvIndexFixture;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.aibrix.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.kvevents.KvIndexFixture.MODEL;
import static io.aibrix.gateway.kvevents.KvIndexFixture.concat;
import static io.aibrix.gateway.kvevents.KvIndexFixture.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link KvAwareRoutingStrategy}, on an index fed the way the engines' feeds feed it. */
class KvAwareRoutingStrategyTests {

    private final KvIndexFixture fixture = new KvIndexFixture();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final KvAwareRoutingStrategy strategy = new KvAwareRoutingStrategy(fixture.index(), 1.0, 16,
            new KvAwareMeters(meters), null);

    /** A 3,000-token shared prefix (187.5 blocks) and a 300-token question. */
    private final int[] prefix = tokens(1, 3000);
    private final int[] prompt = concat(prefix, tokens(2, 300));

    @Test
    void routesToTheEngineHoldingTheLongestCachedPrefix() {
        fixture.engine("a:8000").caches(Arrays.copyOf(prefix, 1000));
        fixture.engine("b:8000").caches(prefix);
        fixture.engine("c:8000");

        assertThat(host(strategy.route(request(prompt), List.of(pod("a", 0), pod("b", 0), pod("c", 0)))))
                .isEqualTo("b");
    }

    @Test
    void costsThePromptBlocksLeftToPrefillPlusTheLoadInBlocks() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");

        double[] costs = strategy.scoreAll(request(prompt), List.of(pod("a", 2), pod("b", 0)));

        // a holds 187 blocks (2,992 tokens): 308 tokens left = 19.25 blocks, plus 2 requests × 16 blocks.
        assertThat(costs[0]).isCloseTo(308 / 16.0 + 32, within(1e-9));
        assertThat(costs[1]).isCloseTo(3300 / 16.0, within(1e-9));
        assertThat(strategy.polarity()).isEqualTo(PodScorer.Polarity.LOWER_IS_BETTER);
        assertThat(strategy.score(request(prompt), pod("a", 2))).isCloseTo(costs[0], within(1e-9));
    }

    @Test
    void keepsAConversationOnTheEngineHoldingItsLastReply() {
        // Turn 2 is routed on turn 1's prompt (system prompt + first question); the reply that follows is only on a.
        int[] system = Arrays.copyOf(prefix, 1000);
        int[] turn1 = concat(system, tokens(3, 200));
        int[] reply = tokens(4, 300);
        fixture.engine("a:8000").caches(concat(turn1, reply));
        fixture.engine("b:8000").caches(concat(system, tokens(5, 500)));
        List<Candidate> candidates = List.of(pod("b", 0), pod("a", 1));

        // Without the reply, a looks better by the question's 12 blocks only: less than one request of load.
        assertThat(host(strategy.route(request(turn1), candidates))).isEqualTo("b");
        double[] costs = strategy.scoreAll(request(turn1, 320), candidates);
        assertThat(host(strategy.route(request(turn1, 320), candidates))).isEqualTo("a");
        // a: 1,200 + 320 tokens, 93 blocks held (1,488 tokens) → 2 blocks left + 16; b: 62 blocks held → 32 left.
        assertThat(costs[1]).isCloseTo(32 / 16.0 + 16, within(1e-9));
        assertThat(costs[0]).isCloseTo((1520 - 992) / 16.0, within(1e-9));
    }

    @Test
    void chargesRequestsProducingTokensOnlyTheirShareOfTheLoad() {
        double u = Double.NaN;
        // 6 in flight, 2 of them still waiting for their first token.
        Candidate own = new Candidate(Endpoint.of("a", 8000), 6, 2, EngineMetrics.unknown());
        // The engine reports 3 waiting of 10: other replicas' requests.
        Candidate reported = new Candidate(Endpoint.of("a", 8000), 6, 2,
                new EngineMetrics(7, 3, u, u, u, u, u, u, u, u, u, u, u, u, Instant.EPOCH));

        assertThat(KvAwareRoutingStrategy.load(own, 0.25)).isEqualTo(2 + 0.25 * 4);
        assertThat(KvAwareRoutingStrategy.load(own, 1.0)).as("a share of 1: every request whole").isEqualTo(6);
        assertThat(KvAwareRoutingStrategy.load(reported, 0.25)).isEqualTo(3 + 0.25 * 7);

        fixture.engine("a:8000").caches(prefix);
        KvAwareRoutingStrategy decodingLight = new KvAwareRoutingStrategy(fixture.index(), 1.0, 16, 0.25,
                new KvAwareMeters(meters), null);
        // a holds the prefix, and 12 requests that all stream already: 3 requests' worth, not 12.
        List<Candidate> candidates = List.of(pod("b", 0), new Candidate(Endpoint.of("a", 8000), 12, 0,
                EngineMetrics.unknown()));
        assertThat(host(strategy.route(request(prompt), candidates))).isEqualTo("b");
        assertThat(host(decodingLight.route(request(prompt), candidates))).isEqualTo("a");
    }

    @Test
    void spreadsAHotPrefixOnceItsHolderCarriesMoreLoadThanTheCachedBlocksAreWorth() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");

        // 187 cached blocks are worth 11.7 requests of 16 blocks.
        assertThat(host(strategy.route(request(prompt), List.of(pod("b", 0), pod("a", 11))))).isEqualTo("a");
        assertThat(host(strategy.route(request(prompt), List.of(pod("b", 0), pod("a", 12))))).isEqualTo("b");
    }

    @Test
    void countsTheLoadOtherGatewayReplicasPutOnTheEngine() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");

        Candidate busyElsewhere = pod("a", 1, 10, 5);

        assertThat(KvAwareRoutingStrategy.load(busyElsewhere, 1.0)).isEqualTo(15);
        assertThat(KvAwareRoutingStrategy.load(pod("a", 7, 2, 1), 1.0)).as("its own count is newer").isEqualTo(7);
        assertThat(host(strategy.route(request(prompt), List.of(busyElsewhere, pod("b", 0))))).isEqualTo("b");
    }

    @Test
    void sendsTheFollowersOfANewPrefixToTheEngineAlreadyPrefillingIt() {
        fixture.engine("a:8000");
        fixture.engine("b:8000");
        MutableClock clock = new MutableClock();
        KvAwareRoutingStrategy tracking = new KvAwareRoutingStrategy(fixture.index(), 1.0, 16,
                new KvAwareMeters(meters), new PendingBlocks(clock, Duration.ofSeconds(2), Duration.ofMinutes(1)));
        RoutingRequest first = request(prompt);
        RoutingRequest follower = new RoutingRequest("r2", MODEL, "", prompt.length, 100, true, null, Map.of())
                .withPromptTokenIds(prompt);

        tracking.afterRoute(first, pod("a", 0), new HashMap<>());

        // Neither engine has reported a block yet; a is prefilling the prompt for the first request.
        assertThat(host(tracking.route(follower, List.of(pod("b", 0), pod("a", 1))))).isEqualTo("a");
        assertThat(host(strategy.route(follower, List.of(pod("b", 0), pod("a", 1)))))
                .as("without pending blocks").isEqualTo("b");
        tracking.onFinished(first, Endpoint.of("a", 8000), prompt.length, 100, true);
        clock.advance(Duration.ofSeconds(2));
        assertThat(host(tracking.route(follower, List.of(pod("b", 0), pod("a", 1)))))
                .as("a never reported the blocks").isEqualTo("b");
    }

    @Test
    void ignoresTheCacheOfAnEngineWhoseFeedIsDown() {
        KvIndexFixture.Engine a = fixture.engine("a:8000");
        a.caches(prefix);
        fixture.engine("b:8000").caches(Arrays.copyOf(prefix, 160));
        List<Candidate> candidates = List.of(pod("a", 0), pod("b", 0));
        assertThat(host(strategy.route(request(prompt), candidates))).isEqualTo("a");

        a.down();

        assertThat(host(strategy.route(request(prompt), candidates))).isEqualTo("b");
    }

    @Test
    void routesByLoadAloneWithoutTokenIds() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");
        RoutingRequest untokenized = new RoutingRequest("r", MODEL, "text", 3300, 100, true, null, Map.of());
        List<Candidate> candidates = List.of(pod("a", 3), pod("b", 1));

        Decision decision = strategy.route(untokenized, candidates);
        strategy.afterRoute(untokenized, candidates.get(1), new HashMap<>());

        assertThat(host(decision)).isEqualTo("b");
        assertThat(count("gateway.routing.fallbacks", "reason", "no_prompt_tokens")).isEqualTo(1);
        assertThat(count("gateway.routing.kv-aware.decisions", "outcome", "no_prompt_tokens")).isEqualTo(1);
    }

    @Test
    void sendsAColdPrefixToTheEngineCachingTheFewestBlocksWhenCostsTie() {
        fixture.engine("a:8000").caches(tokens(7, 320));
        fixture.engine("b:8000");
        fixture.engine("c:8000").caches(tokens(8, 160));

        for (List<Candidate> order : List.of(List.of(pod("a", 0), pod("b", 0), pod("c", 0)),
                List.of(pod("c", 0), pod("a", 0), pod("b", 0)))) {
            assertThat(host(strategy.route(request(prompt), order))).isEqualTo("b");
        }
    }

    @Test
    void countsHowMuchOfThePromptTheChosenEngineHeld() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");
        fixture.engine("c:8000").down();

        strategy.afterRoute(request(prompt), pod("a", 0), new HashMap<>());
        strategy.afterRoute(request(prompt), pod("b", 0), new HashMap<>());
        strategy.afterRoute(request(prompt), pod("c", 0), new HashMap<>());

        assertThat(count("gateway.routing.kv-aware.decisions", "outcome", "hit")).isEqualTo(1);
        assertThat(count("gateway.routing.kv-aware.decisions", "outcome", "miss")).isEqualTo(1);
        assertThat(count("gateway.routing.kv-aware.decisions", "outcome", "feed_unknown")).isEqualTo(1);
        assertThat(count("gateway.routing.fallbacks", "reason", "feed_unknown")).isEqualTo(1);
        // 187 of 206 matchable blocks, then 0.
        assertThat(meters.get("gateway.routing.kv-aware.overlap").summary().totalAmount())
                .isCloseTo(187 / 206.0, within(1e-9));
    }

    @Test
    void explainsItsCostsAndCombinesWithOtherScorersThroughTheRouter() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");
        Router router = new Router(new RoutingStrategyRegistry(List.of(strategy, new FewestInFlight())),
                new SplittableRandom(42), meters);
        RoutingRequest debug = new RoutingRequest("r", MODEL, "", 3300, 100, true, null,
                Map.of(Router.DEBUG_REQUEST_HEADER, "true")).withPromptTokenIds(prompt);
        List<Candidate> candidates = List.of(pod("a", 4), pod("b", 0));

        Decision alone = router.route("kv-aware", debug, candidates);
        Decision combined = router.route("kv-aware:1,fewest-in-flight:3", debug, candidates);

        assertThat(host(alone)).isEqualTo("a");
        assertThat(alone.responseHeaders()).containsEntry("x-aibrix-routing-score-details",
                "kv-aware(lower-is-better)");
        assertThat(alone.responseHeaders().get("x-aibrix-routing-scores")).startsWith("a:8000=83.25,b:8000=206.25");
        assertThat(host(combined)).as("the load member outweighs the cache member").isEqualTo("b");
    }

    private RoutingRequest request(int[] ids) {
        return new RoutingRequest("r", MODEL, "", ids.length, 100, true, null, Map.of()).withPromptTokenIds(ids);
    }

    private RoutingRequest request(int[] ids, int replyTokens) {
        return new RoutingRequest("r", MODEL, "", ids.length, 100, true, null, Map.of())
                .withPromptTokenIds(ids, replyTokens);
    }

    private double count(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    private static Candidate pod(String host, int inFlight) {
        return new Candidate(Endpoint.of(host, 8000), inFlight, EngineMetrics.unknown());
    }

    private static Candidate pod(String host, int inFlight, double running, double waiting) {
        double u = Double.NaN;
        return new Candidate(Endpoint.of(host, 8000), inFlight,
                new EngineMetrics(running, waiting, u, u, u, u, u, u, u, u, u, u, u, u, Instant.EPOCH));
    }

    private static String host(Decision decision) {
        return decision.target().host();
    }

    /** A second scorer for combinations: fewer in-flight requests is better. */
    private static final class FewestInFlight implements RoutingStrategy, PodScorer {

        @Override
        public String name() {
            return "fewest-in-flight";
        }

        @Override
        public Decision route(RoutingRequest request, List<Candidate> candidates) {
            throw new UnsupportedOperationException("only scored in these tests");
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
}
