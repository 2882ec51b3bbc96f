package io.aibrix.gateway.proxy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.aibrix.gateway.kvevents.KvBlockIndex;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code kv-aware} routing through a real gateway in front of three timed simulated engines with small KV
 * caches: the gateway reads every engine's KV block events, and the engines' own {@code /metrics} tell how well it
 * kept each group of requests on an engine that caches its prefix.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KvAwareRoutingIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final int GROUPS = 6;
    private static final int ROUNDS = 5;
    private static final int PREFIX_WORDS = 512;
    private static final int SUFFIX_WORDS = 32;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * 100 blocks of 16 tokens: two 33-block group prompts and their suffixes fit, three do not; the context limit is
     * lowered so the simulator accepts so small a cache. The third engine is killed by the last test: it shuts down
     * at once, closing its connections as a killed process does.
     */
    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(3)
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.num-gpu-blocks", 100)
            .property("simulator.max-model-len", 1024)
            .engineProperty(2, "server.shutdown", "immediate")
            .build();

    private static RunningGateway gateway;
    private static int run;

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start(gatewayProperties());
        awaitLiveFeeds(gateway, 3);
    }

    /**
     * Static discovery of the fleet; the tokenizer deadline is raised from 200 ms so that a slow, shared test machine
     * cannot turn a routing test into a tokenizer-fallback test.
     */
    private static Map<String, String> gatewayProperties() {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.tokenize.timeout", "5s");
        return properties;
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void hitsTheEnginesCachesAtLeastAsOftenAsTheApproximatePrefixCacheStrategy() {
        double prefixCache = hitRate("prefix-cache");
        double kvAware = hitRate("kv-aware");

        // The ceiling is ~0.74: the first round misses, later ones miss only their unique suffix.
        assertThat(kvAware).as("kv-aware hit rate (prefix-cache: %.3f)", prefixCache).isGreaterThan(0.65)
                .isGreaterThanOrEqualTo(prefixCache);
        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        assertThat(meters.get("gateway.routing.kv-aware.decisions").tag("outcome", "hit").counter().count())
                .isGreaterThanOrEqualTo(GROUPS * (ROUNDS - 1));
        assertThat(meters.get("gateway.routing.fallbacks").tags("strategy", "kv-aware", "reason", "no_prompt_tokens")
                .counter().count()).isZero();
        assertThat(meters.get("gateway.kv-events.events").tag("type", "block_stored").counter().count()).isPositive();
    }

    @Test
    void stopsRoutingAPrefixToAnEngineOnceItDroppedItsCache() {
        resetCaches();
        String prefix = words(-7, PREFIX_WORDS);
        URI first = fleet.baseUris().get(0);
        URI second = fleet.baseUris().get(1);
        KvBlockIndex index = gateway.bean(KvBlockIndex.class);
        // The prefix is cached on the first two engines only, by requests that bypass the gateway.
        for (URI engine : List.of(first, second)) {
            assertThat(new GatewayClient(engine).post("/v1/chat/completions", chat(MODEL, prefix + " seed", false, 2))
                    .statusCode()).isEqualTo(200);
        }
        await().atMost(WAIT).until(() -> index.cachedBlocks(address(first)) >= 32
                && index.cachedBlocks(address(second)) >= 32);

        Set<String> before = targets(prefix, "before", 4);

        new GatewayClient(first).post("/reset_prefix_cache", "");
        await().atMost(WAIT).until(() -> index.cachedBlocks(address(first)) == 0);
        Set<String> after = targets(prefix, "after", 4);

        double fallbacks = gateway.bean(MeterRegistry.class).get("gateway.routing.fallbacks")
                .tags("strategy", "kv-aware", "reason", "no_prompt_tokens").counter().count();
        assertThat(before).as("tokenizer fallbacks so far: %s", fallbacks).isSubsetOf(address(first), address(second));
        assertThat(after).as("tokenizer fallbacks so far: %s", fallbacks).containsExactly(address(second));
    }

    /** Runs last: it kills the third engine for good. */
    @Test
    @Order(Integer.MAX_VALUE)
    void marksAKilledEnginesFeedDownWithoutFailingClients() {
        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        String killed = address(fleet.baseUris().get(2));
        Set<String> survivors = Set.of(address(fleet.baseUris().get(0)), address(fleet.baseUris().get(1)));

        fleet.engine(2).close();

        await().atMost(WAIT).until(() -> meters.get("gateway.kv-events.feed.up").tag("endpoint", killed).gauge()
                .value() == 0);
        assertThat(gateway.bean(KvBlockIndex.class).isLive(killed)).isFalse();
        GatewayClient client = new GatewayClient(gateway.baseUri());
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, words(i, 40), false, 2),
                    "routing-strategy", "kv-aware");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("target-pod-ip").orElseThrow()).isIn(survivors);
        }
        for (String survivor : survivors) {
            assertThat(meters.get("gateway.kv-events.feed.up").tag("endpoint", survivor).gauge().value())
                    .isEqualTo(1);
        }
    }

    /** The engines the gateway chose for {@code count} requests sharing {@code prefix}, one at a time. */
    private static Set<String> targets(String prefix, String tag, int count) {
        GatewayClient client = new GatewayClient(gateway.baseUri());
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = client.post("/v1/chat/completions",
                    chat(MODEL, prefix + " " + tag + " " + i, false, 2), "routing-strategy", "kv-aware");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            targets.add(response.headers().firstValue("target-pod-ip").orElseThrow());
        }
        return targets;
    }

    private static double hitRate(String strategy) {
        GatewayClient client = new GatewayClient(gateway.baseUri());
        return measure(prompt -> {
            HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, prompt, false, 2),
                    "routing-strategy", strategy);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    /**
     * Starts every engine cold, sends {@link #ROUNDS} rounds of one request per group (a group prefix plus a unique
     * suffix, one at a time), and returns the cluster's prefix-cache hit rate over them. Each run has its own prefixes.
     */
    private static double measure(Consumer<String> send) {
        int seed = ++run;
        resetCaches();
        List<String> prefixes = new ArrayList<>();
        for (int group = 0; group < GROUPS; group++) {
            prefixes.add(words(seed * 100L + group, PREFIX_WORDS));
        }
        double[] before = cacheCounters();
        for (int round = 0; round < ROUNDS; round++) {
            for (int group = 0; group < GROUPS; group++) {
                send.accept(prefixes.get(group) + " " + words(seed * 10_000L + round * 100 + group, SUFFIX_WORDS));
            }
        }
        double[] after = cacheCounters();
        return (after[0] - before[0]) / (after[1] - before[1]);
    }

    /** Empties every engine's cache and waits until the gateway's index has heard of it. */
    private static void resetCaches() {
        fleet.baseUris().forEach(engine -> new GatewayClient(engine).post("/reset_prefix_cache", ""));
        KvBlockIndex index = gateway.bean(KvBlockIndex.class);
        await().atMost(WAIT).until(() -> fleet.baseUris().stream().allMatch(e -> index.cachedBlocks(address(e)) == 0));
    }

    /** Σ {@code vllm:prefix_cache_hits_total} and Σ {@code vllm:prefix_cache_queries_total} over the engines. */
    private static double[] cacheCounters() {
        double[] sums = new double[2];
        for (URI engine : fleet.baseUris()) {
            for (String line : new GatewayClient(engine).get("/metrics").body().split("\n")) {
                if (line.startsWith("vllm:prefix_cache_hits_total{")) {
                    sums[0] += value(line);
                }
                else if (line.startsWith("vllm:prefix_cache_queries_total{")) {
                    sums[1] += value(line);
                }
            }
        }
        return sums;
    }

    private static void awaitLiveFeeds(RunningGateway target, int engines) {
        MeterRegistry meters = target.bean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> meters.get("gateway.kv-events.feeds").tag("state", "live").gauge()
                .value() == engines);
    }

    private static String address(URI engine) {
        return engine.getHost() + ":" + engine.getPort();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Seeded four-letter words: one token each for the simulator's word tokenizer. */
    private static String words(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(count * 5);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            for (int c = 0; c < 4; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
