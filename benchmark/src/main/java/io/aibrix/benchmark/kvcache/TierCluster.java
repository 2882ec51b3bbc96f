package io.aibrix.benchmark.kvcache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.cachenode.CacheNodeServer;

/**
 * One configuration's engines in this JVM, and with L2 its cache nodes, registered in a cluster of their own on the
 * coordinator. Ready once every engine follows the ring that holds every node.
 */
final class TierCluster implements AutoCloseable {

    private static final Duration RING_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CacheNodeServer> nodes = new ArrayList<>();
    private final List<SimulatedEngine> engines = new ArrayList<>();

    private TierCluster() {
    }

    static TierCluster start(KvCachePlan plan, TierSetup setup, URI coordinator, String cluster, HttpClient http) {
        TierCluster started = new TierCluster();
        try {
            if (setup.usesL2()) {
                for (int i = 0; i < plan.cacheNodes(); i++) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("cache-node.coordinator", coordinator);
                    p.put("cache-node.cluster", cluster);
                    p.put("cache-node.name", "node-" + i);
                    p.put("cache-node.capacity-blocks", plan.nodeBlocks());
                    p.put("cache-node.heartbeat-interval", "2s");
                    started.nodes.add(CacheNodeServer.start(p));
                }
            }
            for (int i = 0; i < plan.engines(); i++) {
                started.engines.add(SimulatedEngine.start(setup.engineProperties(plan, i, coordinator, cluster)));
            }
            if (setup.usesL2()) {
                started.awaitRing(http, coordinator, cluster, plan.cacheNodes());
            }
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    List<SimulatedEngine> engines() {
        return engines;
    }

    List<CacheNodeServer> nodes() {
        return nodes;
    }

    /** Waits until the ring holds every node and every engine follows that version (or a newer one). */
    private void awaitRing(HttpClient http, URI coordinator, String cluster, int nodeCount) {
        long deadline = System.nanoTime() + RING_WAIT.toNanos();
        long version = -1;
        while (System.nanoTime() < deadline) {
            JsonNode ring = ring(http, coordinator, cluster);
            if (ring != null && ring.path("nodes").size() == nodeCount) {
                version = ring.path("version").asLong();
                break;
            }
            pause();
        }
        if (version < 0) {
            throw new IllegalStateException("cluster " + cluster + " did not reach " + nodeCount + " cache nodes");
        }
        for (SimulatedEngine engine : engines) {
            while (EngineCounters.scrape(http, engine.baseUri()).sum("vllm:kv_tier_l2_ring_version", "") < version) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("engine " + engine.baseUri() + " did not follow ring version "
                            + version + " of " + cluster);
                }
                pause();
            }
        }
    }

    private static JsonNode ring(HttpClient http, URI coordinator, String cluster) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(coordinator.resolve("/v1/clusters/"
                    + cluster + "/ring")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        engines.forEach(SimulatedEngine::close);
        nodes.forEach(CacheNodeServer::close);
    }
}
