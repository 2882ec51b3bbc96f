package io.aibrix.gateway.proxy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.gateway.tokenize.EngineTokenizer;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the prefix-aware strategies ({@code prefix-cache}, {@code prefix-cache-preble}) through a real gateway in
 * front of three timed simulated engines whose KV caches hold only about a third of the shared prefixes: groups of
 * requests share long prefixes, and the engines' own {@code vllm:prefix_cache_hits_total} /
 * {@code _queries_total} tell how well each strategy kept every group on an engine that caches it.
 */
class PrefixRoutingIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final int GROUPS = 6;
    private static final int ROUNDS = 5;
    private static final int PREFIX_WORDS = 512;
    private static final int SUFFIX_WORDS = 32;

    /**
     * 100 blocks of 16 tokens: two 32-block group prefixes plus one running request fit, all six groups do not; the
     * context limit is lowered so the simulator accepts so small a cache.
     */
    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(3)
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.num-gpu-blocks", 100)
            .property("simulator.max-model-len", 1024)
            .build();

    private static RunningGateway gateway;
    private static RunningGateway engineMode;
    private static int run;

    @BeforeAll
    static void startGateways() {
        gateway = RunningGateway.start(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.routing.prefix-cache.tokenizer", "engine");
        engineMode = RunningGateway.start(properties);
    }

    @AfterAll
    static void stopGateways() {
        gateway.close();
        engineMode.close();
    }

    @Test
    void prefixAwareStrategiesHitTheEnginesCachesFarMoreOftenThanRandom() {
        double random = hitRate(gateway, "random");
        double prefixCache = hitRate(gateway, "prefix-cache");
        double preble = hitRate(gateway, "prefix-cache-preble");

        // The ceiling is ~0.74: the first round misses, later ones miss only their unique suffix.
        assertThat(prefixCache).as("prefix-cache hit rate (random: %.2f)", random).isGreaterThan(0.65)
                .isGreaterThan(random + 0.2);
        assertThat(preble).as("prefix-cache-preble hit rate (random: %.2f)", random).isGreaterThan(0.65)
                .isGreaterThan(random + 0.2);
        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        assertThat(meters.get("gateway.routing.prefix.selections").tags("strategy", "prefix-cache", "reason",
                "prefix_match").counter().count()).isGreaterThanOrEqualTo(GROUPS * (ROUNDS - 1));
    }

    @Test
    void explainsItsChoiceInTheRoutingDebugHeaders() {
        GatewayClient client = new GatewayClient(gateway.baseUri());
        String prefix = words(-1, PREFIX_WORDS);
        client.post("/v1/chat/completions", chat(MODEL, prefix + " first", false, 2), "routing-strategy",
                "prefix-cache");

        HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, prefix + " second", false, 2),
                "routing-strategy", "prefix-cache", "x-aibrix-routing-debug", "true");

        assertThat(response.headers().firstValue("x-aibrix-routing-score-details"))
                .hasValue("prefix-cache(lower-is-better)");
        String[] scores = response.headers().firstValue("x-aibrix-routing-scores").orElseThrow().split(",");
        assertThat(scores).hasSize(3);
        assertThat(scores[0]).startsWith(response.headers().firstValue("target-pod-ip").orElseThrow() + "=");
        double chosen = Double.parseDouble(scores[0].substring(scores[0].indexOf('=') + 1));
        double next = Double.parseDouble(scores[1].substring(scores[1].indexOf('=') + 1));
        assertThat(chosen).as("uncached tokens on the pod holding the prefix").isLessThan(next / 10);
    }

    /** The tokenizer client and the engine-mode strategy, driven directly: the proxy is bypassed. */
    @Test
    void routesByTheEnginesOwnTokenIdsInEngineMode() {
        EngineTokenizer tokenizer = engineMode.bean(EngineTokenizer.class);
        Router router = engineMode.bean(Router.class);
        List<Candidate> candidates = new ArrayList<>();
        for (URI engine : fleet.baseUris()) {
            candidates.add(new Candidate(Endpoint.of(engine.getHost(), engine.getPort()), 0, EngineMetrics.unknown()));
        }
        GatewayClient[] engines = fleet.baseUris().stream().map(GatewayClient::new).toArray(GatewayClient[]::new);

        double hitRate = measure(prompt -> {
            String body = chat(MODEL, prompt, false, 2);
            int[] ids = tokenizer.tokenize(candidates.get(0).endpoint(), InferenceApi.CHAT_COMPLETIONS,
                    body.getBytes(StandardCharsets.UTF_8)).block();
            assertThat(ids).as("token IDs from the engine").isNotNull();
            RoutingRequest request = new RoutingRequest("r", MODEL, prompt, prompt.length() / 4, 2, false, null,
                    Map.of()).withPromptTokenIds(ids);
            Endpoint target = router.route("prefix-cache", request, candidates).target();
            int engine = fleet.baseUris().indexOf(target.baseUri());
            assertThat(engines[engine].post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        });

        assertThat(hitRate).isGreaterThan(0.65);
        assertThat(prompts(engineMode, "engine")).isEqualTo(GROUPS * ROUNDS);
    }

    /** Through the proxy: every prompt is tokenized by an engine before routing. */
    @Test
    void engineModeRoutesThroughTheGateway() {
        double before = prompts(engineMode, "engine");

        double hitRate = hitRate(engineMode, "prefix-cache");

        assertThat(hitRate).isGreaterThan(0.65);
        assertThat(prompts(engineMode, "engine") - before).isEqualTo(GROUPS * ROUNDS);
    }

    private static double hitRate(RunningGateway target, String strategy) {
        GatewayClient client = new GatewayClient(target.baseUri());
        return measure(prompt -> {
            HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, prompt, false, 2),
                    "routing-strategy", strategy);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    /**
     * Starts every engine cold, sends {@link #ROUNDS} rounds of one request per group (a group prefix plus a unique
     * suffix, one at a time), and returns the cluster's prefix-cache hit rate over them. Each run has its own prefixes,
     * so nothing cached by an earlier run can hit.
     */
    private static double measure(Consumer<String> send) {
        int seed = ++run;
        fleet.baseUris().forEach(engine -> new GatewayClient(engine).post("/reset_prefix_cache", ""));
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

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static double prompts(RunningGateway target, String tokenizer) {
        return target.bean(MeterRegistry.class).get("gateway.routing.prefix.prompts")
                .tags("strategy", "prefix-cache", "tokenizer", tokenizer).counter().count();
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
