package io.aibrix.simulator.cachenode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests the cache-node mode's block API over HTTP: lookups, puts, eviction at capacity, stats, bad input. */
class CacheNodeIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static CacheNodeServer node;

    @BeforeAll
    static void start() {
        node = CacheNodeServer.start(Map.of("cache-node.capacity-blocks", 3, "cache-node.eviction", "lru"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void holdsPutBlocksUpToItsCapacityEvictingTheLeastRecentlyUsed() throws Exception {
        assertThat(post("/v1/blocks", "[11,12,13]").statusCode()).isEqualTo(204);
        assertThat(lookup("[11]")).isEqualTo("[true]");

        post("/v1/blocks", "[14]");

        assertThat(lookup("[11,12,13,14,-5]")).isEqualTo("[true,false,true,true,false]");
        JsonNode stats = JSON.readTree(get("/v1/blocks/stats").body());
        assertThat(stats.path("capacityBlocks").asInt()).isEqualTo(3);
        assertThat(stats.path("blocks").asInt()).isEqualTo(3);
        assertThat(stats.path("evictions").asLong()).isPositive();
    }

    @Test
    void anEmptyLookupAnswersAnEmptyList() throws Exception {
        assertThat(lookup("[]")).isEqualTo("[]");
    }

    @Test
    void aBodyThatIsNotAListOfHashesIsABadRequest() throws Exception {
        assertThat(post("/v1/blocks", "{\"hashes\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/blocks/lookup", "[\"not-a-number\"]").statusCode()).isEqualTo(400);
    }

    @Test
    void withoutACoordinatorItServesButIsNotRegistered() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(node.registered()).isFalse();
    }

    @Test
    void anUnknownEvictionPolicyStopsTheNodeFromStartingAndNamesIt() {
        assertThatThrownBy(() -> CacheNodeServer.start(Map.of("cache-node.eviction", "clock")))
                .hasStackTraceContaining("'clock'");
    }

    private static String lookup(String hashes) throws Exception {
        HttpResponse<String> response = post("/v1/blocks/lookup", hashes);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(node.baseUri() + path);
    }
}
