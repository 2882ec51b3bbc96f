package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.chat;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PrefixReplication}: two replicas of both prefix strategies, each replica's decisions handed straight
 * to the other's {@link PrefixReplication#apply} (what Redis does between real replicas).
 */
class PrefixReplicationTests {

    private static final String GROUP = words(1, 600);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    private final List<Candidate> pods = List.of(pod("a", 0), pod("b", 0), pod("c", 0), pod("d", 0));

    @Test
    void aPeersDecisionRoutesTheSamePrefixToTheSameEngine() {
        Replica one = new Replica(1);
        Replica two = new Replica(2);
        link(one, two);
        link(two, one);

        String first = one.route(PrefixCacheRoutingStrategy.NAME, GROUP + " one");

        for (int i = 0; i < 10; i++) {
            assertThat(two.route(PrefixCacheRoutingStrategy.NAME, GROUP + " " + words(100 + i, 60)))
                    .isEqualTo(first);
            assertThat(one.route(PrebleRoutingStrategy.NAME, GROUP + " " + words(200 + i, 60)))
                    .isEqualTo(two.route(PrebleRoutingStrategy.NAME, GROUP + " " + words(300 + i, 60)));
        }
    }

    @Test
    void withoutSharingEachReplicaPlacesThePrefixOnItsOwn() {
        Replica one = new Replica(1);
        Replica two = new Replica(2);
        List<String> differ = new ArrayList<>();
        for (int group = 0; group < 8; group++) {
            String prompt = words(10 + group, 600);
            if (!one.route(PrefixCacheRoutingStrategy.NAME, prompt).equals(
                    two.route(PrefixCacheRoutingStrategy.NAME, prompt))) {
                differ.add(prompt);
            }
        }

        assertThat(differ).isNotEmpty();
    }

    @Test
    void reportsEachDecisionWithItsStrategyEngineBlocksAndWork() {
        Replica one = new Replica(1);
        List<String> heard = new ArrayList<>();
        one.replication.listen((strategy, address, hashes, work) ->
                heard.add(strategy + "@" + address + " " + hashes.length + " " + (work > 0)));

        one.router.route(PrefixCacheRoutingStrategy.NAME, chat("x".repeat(640)), List.of(pod("a", 0)));
        one.router.route(PrebleRoutingStrategy.NAME, chat("y".repeat(640)), List.of(pod("b", 0)));

        assertThat(heard).containsExactly("prefix-cache@a:8000 10 false", "prefix-cache-preble@b:8000 10 true");
    }

    @Test
    void appliesAPeersWorkToPrebleLoad() {
        Replica one = new Replica(1);

        assertThat(one.replication.apply(PrebleRoutingStrategy.NAME, "a:8000", new long[0], 2.5)).isTrue();
        assertThat(one.replication.apply("kv-aware", "a:8000", new long[0], 2.5)).isFalse();

        assertThat(one.preble.scoreAll(chat(words(5, 600)), List.of(pod("a", 0)))[0])
                .isCloseTo(2.5 + 750 * 48e-6, within(1e-9));
        assertThat(one.replication.strategies()).containsExactlyInAnyOrder(PrefixCacheRoutingStrategy.NAME,
                PrebleRoutingStrategy.NAME);
    }

    @Test
    void fingerprintDependsOnSeedTokenizerAndBlockSizes() {
        long defaults = PrefixReplication.fingerprint(properties(PrefixTokenizer.CHARACTERS, 64, 16, 0));

        assertThat(PrefixReplication.fingerprint(properties(PrefixTokenizer.CHARACTERS, 64, 16, 0)))
                .isEqualTo(defaults);
        assertThat(List.of(
                PrefixReplication.fingerprint(properties(PrefixTokenizer.CHARACTERS, 64, 16, 1)),
                PrefixReplication.fingerprint(properties(PrefixTokenizer.ENGINE, 64, 16, 0)),
                PrefixReplication.fingerprint(properties(PrefixTokenizer.CHARACTERS, 32, 16, 0)),
                PrefixReplication.fingerprint(properties(PrefixTokenizer.CHARACTERS, 64, 32, 0))))
                .doesNotContain(defaults).doesNotHaveDuplicates();
    }

    private static void link(Replica from, Replica to) {
        from.replication.listen((strategy, address, hashes, work) -> to.replication.apply(strategy, address, hashes,
                work));
    }

    private static PrefixCacheProperties properties(PrefixTokenizer tokenizer, int characterBlock, int tokenBlock,
            long seed) {
        return new PrefixCacheProperties(tokenizer, characterBlock, tokenBlock, seed, Duration.ofMinutes(10),
                100_000, 8, 1.0, 0.9, 256);
    }

    /** One gateway replica's prefix strategies, wired as {@code PrefixRoutingConfiguration} does. */
    private final class Replica {

        final PrefixReplication replication = new PrefixReplication(0);
        final PrefixCacheRoutingStrategy prefixCache;
        final PrebleRoutingStrategy preble;
        final Router router;

        Replica(long seed) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            PrefixMatcher cacheMatcher = matcher(replication.recorder(PrefixCacheRoutingStrategy.NAME));
            replication.register(PrefixCacheRoutingStrategy.NAME, cacheMatcher.index(), null);
            prefixCache = new PrefixCacheRoutingStrategy(cacheMatcher, 256,
                    new PrefixRoutingMeters(meters, PrefixCacheRoutingStrategy.NAME, cacheMatcher.index()));
            PrefixMatcher prebleMatcher = matcher(replication.recorder(PrebleRoutingStrategy.NAME));
            WorkWindows load = new WorkWindows(clock, Duration.ofSeconds(60));
            replication.register(PrebleRoutingStrategy.NAME, prebleMatcher.index(), load);
            preble = new PrebleRoutingStrategy(prebleMatcher, new PrebleCostModel(48e-6, 250e-6, 45), load, 0.5,
                    new PrefixRoutingMeters(meters, PrebleRoutingStrategy.NAME, prebleMatcher.index()));
            router = new Router(new RoutingStrategyRegistry(List.of(prefixCache, preble)), new SplittableRandom(seed),
                    meters);
        }

        String route(String strategy, String prompt) {
            return router.route(strategy, chat(prompt), pods).target().host();
        }

        private PrefixMatcher matcher(PrefixMatcher.Recorder recorder) {
            return new PrefixMatcher(new PromptHasher(PrefixTokenizer.CHARACTERS, 64, 16, 0),
                    new PrefixIndex(clock, Duration.ofMinutes(10), 100_000), new LoadGuard(8, 1.0), recorder);
        }
    }
}
