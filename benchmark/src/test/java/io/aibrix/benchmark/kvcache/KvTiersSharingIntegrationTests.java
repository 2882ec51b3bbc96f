package io.aibrix.benchmark.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.cachenode.CacheNodeServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests L2 across engines with the real parts: the packaged kvcache-coordinator in a child JVM, a simulated cache
 * node registered with it, and two engines that find the node through the coordinator's ring. A prefix computed on
 * one engine is an L2 hit on the other; a node the ring names but that is down is a miss, not an error.
 */
class KvTiersSharingIntegrationTests {

    private static final String CLUSTER = "shared";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path logs;

    private static CoordinatorProcess coordinator;
    private static CacheNodeServer node;
    private static SimulatedEngine first;
    private static SimulatedEngine second;

    @BeforeAll
    static void start() throws Exception {
        coordinator = CoordinatorProcess.start(Path.of(System.getProperty("kvcache.jar")), logs, List.of(CLUSTER));
        node = CacheNodeServer.start(Map.of("cache-node.coordinator", coordinator.baseUri(),
                "cache-node.cluster", CLUSTER, "cache-node.name", "node-a", "cache-node.heartbeat-interval", "1s"));
        first = SimulatedEngine.start(engine(0));
        second = SimulatedEngine.start(engine(1));
        awaitRingVersion(ringVersion(1));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, node, coordinator}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private static Map<String, Object> engine(int index) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("simulator.profile", "zero");
        p.put("simulator.engine-index", index);
        p.put("simulator.kv-tiers.l2.coordinator", coordinator.baseUri());
        p.put("simulator.kv-tiers.l2.cluster", CLUSTER);
        return p;
    }

    @Test
    void aPrefixComputedOnOneEngineIsAnL2HitOnTheOther() throws Exception {
        String prompt = words("shared", 200);
        int held = nodeBlocks();
        assertThat(cachedTokens(complete(first, prompt))).isZero();
        // 201 tokens with BOS: 12 full blocks, written through to the node in the background.
        awaitNodeBlocks(held + 12);

        JsonNode onSecond = complete(second, prompt);

        assertThat(cachedTokens(onSecond)).isEqualTo(192);
        assertThat(metric(second, "vllm:kv_tier_hit_tokens_total", "tier=\"l2\"")).isEqualTo(192);
        assertThat(metric(second, "vllm:prefix_cache_hits_total", "")).isZero();
    }

    @Test
    void aNodeTheRingNamesButThatIsDownIsAMissNotAnError() throws Exception {
        // A second member whose address nothing listens on: about half of the blocks now map to it.
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(coordinator.baseUri()
                .resolve("/v1/clusters/" + CLUSTER + "/nodes/node-down")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"address\":\"127.0.0.1\",\"port\":9}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(201);
        try {
            awaitRingVersion(JSON.readTree(registered.body()).path("ringVersion").asLong());
            String prompt = words("unlucky", 200);
            complete(first, prompt);
            double failuresBefore = metric(second, "vllm:kv_tier_l2_failures_total", "");

            HttpResponse<String> response = post(second, prompt);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(cachedTokens(JSON.readTree(response.body()))).isBetween(0, 192);
            assertThat(metric(second, "vllm:kv_tier_l2_failures_total", "")).isGreaterThan(failuresBefore);
        } finally {
            HTTP.send(HttpRequest.newBuilder(coordinator.baseUri().resolve("/v1/clusters/" + CLUSTER
                    + "/nodes/node-down")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            awaitRingVersion(ringVersion(1));
        }
    }

    private static long ringVersion(int nodes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(coordinator.baseUri()
                    .resolve("/v1/clusters/" + CLUSTER + "/ring")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode ring = JSON.readTree(response.body());
            if (response.statusCode() == 200 && ring.path("nodes").size() == nodes) {
                return ring.path("version").asLong();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ring of " + CLUSTER + " never had " + nodes + " nodes");
    }

    /** Both engines follow at least this ring version. */
    private static void awaitRingVersion(long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (SimulatedEngine engine : List.of(first, second)) {
            while (metric(engine, "vllm:kv_tier_l2_ring_version", "") < version) {
                assertThat(System.nanoTime()).as("engine follows ring version " + version).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static int nodeBlocks() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/v1/blocks/stats")).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("blocks").asInt();
    }

    private static void awaitNodeBlocks(int blocks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (nodeBlocks() < blocks) {
            assertThat(System.nanoTime()).as("node holds " + blocks + " blocks").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static double metric(SimulatedEngine engine, String name, String labels) {
        return EngineCounters.scrape(HTTP, engine.baseUri()).sum(name, labels);
    }

    private static JsonNode complete(SimulatedEngine engine, String prompt) throws Exception {
        HttpResponse<String> response = post(engine, prompt);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(SimulatedEngine engine, String prompt) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(engine.baseUri() + "/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + engine.model() + "\",\"prompt\":\""
                        + prompt + "\",\"max_tokens\":1,\"ignore_eos\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int cachedTokens(JsonNode response) {
        return response.at("/usage/prompt_tokens_details/cached_tokens").asInt();
    }

    private static String words(String tag, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }
}
