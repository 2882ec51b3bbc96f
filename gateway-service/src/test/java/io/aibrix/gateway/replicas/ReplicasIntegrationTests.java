package io.aibrix.gateway.replicas;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedRedisExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReplicaSync}: two gateways in front of the same three timed simulated engines, sharing state
 * through a real (embedded) Redis, against one gateway alone and two gateways that share nothing. A client alternates
 * rounds of shared-prefix requests between the two gateways; the engines' own {@code vllm:prefix_cache_hits_total} /
 * {@code _queries_total} give the cluster hit rate. The engines' KV caches hold the group prefixes once but not twice,
 * so two gateways that each place every group on their own thrash them.
 */
class ReplicasIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final int GROUPS = 12;
    private static final int ROUNDS = 6;
    private static final int PREFIX_WORDS = 512;
    private static final int SUFFIX_WORDS = 32;

    @RegisterExtension
    static final EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();

    /**
     * 170 blocks of 16 tokens: four 32-block group prefixes plus one running request fit, so one gateway keeps all
     * twelve groups cached over the three engines; any engine given a fifth prefix evicts one in every round.
     */
    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(3)
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.num-gpu-blocks", 170)
            .property("simulator.max-model-len", 1024)
            .build();

    private static final List<RunningGateway> started = new ArrayList<>();
    private static RunningGateway shared1;
    private static RunningGateway shared2;
    private static RunningGateway alone;
    private static RunningGateway apart1;
    private static RunningGateway apart2;
    private static int run;

    @BeforeAll
    static void startGateways() {
        // Its own channels: other test classes in this JVM may use the same Redis.
        String channels = "replicas-it-" + System.nanoTime();
        shared1 = start(Map.of("gateway.replicas.redis-url", redis.uri().toString(),
                "gateway.replicas.channel-prefix", channels));
        shared2 = start(Map.of("gateway.replicas.redis-url", redis.uri().toString(),
                "gateway.replicas.channel-prefix", channels));
        alone = start(Map.of());
        // Fresh and used only once: gateways that routed the same earlier traffic break ties between engines alike,
        // which would make their independent placements agree by accident.
        apart1 = start(Map.of());
        apart2 = start(Map.of("gateway.replicas.redis-url", " "));
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(shared1, "gateway.replicas.peers") == 1
                && gauge(shared2, "gateway.replicas.peers") == 1);
    }

    @AfterAll
    static void stopGateways() {
        started.forEach(RunningGateway::close);
    }

    @Test
    void sharedPrefixOwnershipKeepsTheHitRateOfOneGateway() {
        double one = hitRate(List.of(alone));
        double shared = hitRate(List.of(shared1, shared2));
        double unshared = hitRate(List.of(apart1, apart2));

        String rates = String.format("one gateway %.2f, two sharing %.2f, two not sharing %.2f", one, shared,
                unshared);
        assertThat(shared).as(rates).isGreaterThanOrEqualTo(0.9 * one).isGreaterThan(unshared + 0.15);
        assertThat(counter(shared2, "gateway.replicas.prefix.blocks", "direction", "applied")).isPositive();
        assertThat(counter(shared1, "gateway.replicas.dropped", "reason", "fingerprint")).isZero();
    }

    @Test
    void eachGatewayRoutesWithTheOthersRequestsInFlight() throws IOException {
        String busy = address(fleet.baseUris().get(0));
        String pinned = Base64.getEncoder().encodeToString(busy.getBytes(StandardCharsets.UTF_8));
        GatewayClient first = new GatewayClient(shared1.baseUri());
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = first.open("/v1/chat/completions", longStream(i),
                        "routing-strategy", "session-affinity", "x-session-id", pinned);
                streams.add(stream);
                assertThat(stream.statusCode()).isEqualTo(200);
                assertThat(stream.headers().firstValue("target-pod-ip")).hasValue(busy);
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Map<String, Double> scores = leastRequestScores(shared2);
                assertThat(scores.get(busy)).as("the other gateway's requests on %s", busy).isEqualTo(3.0);
                assertThat(scores.keySet().iterator().next()).as("chosen").isNotEqualTo(busy);
            });
            assertThat(leastRequestScores(alone).get(busy)).as("a gateway that shares nothing").isZero();
        }
        finally {
            for (HttpResponse<InputStream> stream : streams) {
                stream.body().close();
            }
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(leastRequestScores(shared2).get(busy))
                .as("finished requests no longer count").isZero());
    }

    @Test
    void aSingleGatewayCreatesNoRedisClient() {
        assertThat(alone.context().getBeansOfType(ReplicaSync.class)).isEmpty();
        assertThat(apart2.context().getBeansOfType(ReplicaSync.class)).as("blank URL").isEmpty();
        assertThat(shared1.context().getBeansOfType(ReplicaSync.class)).hasSize(1);
    }

    private static RunningGateway start(Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.putAll(extra);
        RunningGateway gateway = RunningGateway.start(properties);
        started.add(gateway);
        return gateway;
    }

    /**
     * Starts every engine cold and sends {@link #ROUNDS} rounds of one request per group (a group prefix plus a unique
     * suffix, one at a time with {@code prefix-cache}), round {@code r} through gateway {@code r % gateways}; returns
     * the cluster's prefix-cache hit rate over them. Between rounds the gateways' shared state settles, so the result
     * does not depend on how fast Redis delivers. Each run has its own prefixes.
     */
    private static double hitRate(List<RunningGateway> gateways) {
        int seed = ++run;
        fleet.baseUris().forEach(engine -> new GatewayClient(engine).post("/reset_prefix_cache", ""));
        List<String> prefixes = new ArrayList<>();
        for (int group = 0; group < GROUPS; group++) {
            prefixes.add(words(seed * 100L + group, PREFIX_WORDS));
        }
        double[] before = cacheCounters();
        for (int round = 0; round < ROUNDS; round++) {
            GatewayClient client = new GatewayClient(gateways.get(round % gateways.size()).baseUri());
            for (int group = 0; group < GROUPS; group++) {
                String prompt = prefixes.get(group) + " " + words(seed * 10_000L + round * 100 + group, SUFFIX_WORDS);
                HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, prompt, false, 2),
                        "routing-strategy", "prefix-cache");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            settle(gateways);
        }
        double[] after = cacheCounters();
        return (after[0] - before[0]) / (after[1] - before[1]);
    }

    /** Waits until every sharing gateway published all its decisions and every other one applied them. */
    private static void settle(List<RunningGateway> gateways) {
        if (gateways.size() < 2 || gateways.get(0).context().getBeansOfType(ReplicaSync.class).isEmpty()) {
            return;
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            double published = 0;
            for (RunningGateway gateway : gateways) {
                if (gauge(gateway, "gateway.replicas.prefix.pending.blocks") > 0) {
                    return false;
                }
                published += counter(gateway, "gateway.replicas.prefix.blocks", "direction", "published");
            }
            for (RunningGateway gateway : gateways) {
                double own = counter(gateway, "gateway.replicas.prefix.blocks", "direction", "published");
                double applied = counter(gateway, "gateway.replicas.prefix.blocks", "direction", "applied");
                if (applied != published - own) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The least-request debug scores on {@code gateway} (engine address to in-flight count), the chosen one first. */
    private static Map<String, Double> leastRequestScores(RunningGateway gateway) {
        HttpResponse<String> response = new GatewayClient(gateway.baseUri()).post("/v1/chat/completions",
                chat(MODEL, "probe", false, 1), "routing-strategy", "least-request", "x-aibrix-routing-debug",
                "true");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String pair : response.headers().firstValue("x-aibrix-routing-scores").orElseThrow().split(",")) {
            int equals = pair.lastIndexOf('=');
            scores.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
        }
        return scores;
    }

    private static String longStream(int i) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"long " + i + "\"}],"
                + "\"max_tokens\":400,\"ignore_eos\":true,\"stream\":true}";
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

    private static double gauge(RunningGateway gateway, String name) {
        return gateway.bean(MeterRegistry.class).get(name).gauge().value();
    }

    private static double counter(RunningGateway gateway, String name, String... tags) {
        return gateway.bean(MeterRegistry.class).find(name).tags(tags).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String address(URI engine) {
        return engine.getHost() + ":" + engine.getPort();
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
