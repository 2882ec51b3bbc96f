package io.aibrix.kvcache.membership;

import java.time.Duration;

import io.aibrix.kvcache.Api;
import io.aibrix.kvcache.KvCacheIntegrationTest;
import io.aibrix.kvcache.ring.RingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link MembershipController} and the lease sweep ({@code kvcache.lease-ttl=30s}). */
class MembershipControllerIntegrationTests extends KvCacheIntegrationTest {

    @Test
    void registersThenUpdatesANode() {
        Api.Response created = api.send("PUT", "/v1/clusters/default/nodes/cache-0",
                "{\"address\":\"10.0.0.1\",\"port\":18512,\"capacity\":2}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/clusters/default/nodes/cache-0");
        assertThat(created.json().path("expiresAt").asText()).isEqualTo("2025-06-01T00:00:30Z");
        assertThat(created.json().path("ringVersion").asLong()).isEqualTo(registry.ring("default").version());

        Api.Response updated = api.register("default", "cache-0", "10.0.0.2", 18512);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(registry.ring("default").nodes()).containsExactly(new RingNode("cache-0", "10.0.0.2", 18512, 1));
        assertThat(api.send("GET", "/v1/clusters/default/nodes", null).json().findValuesAsText("address"))
                .containsExactly("10.0.0.2");
    }

    @Test
    void keepsANodeByHeartbeatsAndExpiresItWithoutThem() {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        api.register("default", "cache-1", "10.0.0.2", 18512);
        clock.advance(Duration.ofSeconds(20));
        Api.Response heartbeat = api.send("POST", "/v1/clusters/default/nodes/cache-0/heartbeat", null);
        assertThat(heartbeat.status()).isEqualTo(200);
        assertThat(heartbeat.json().path("expiresAt").asText()).isEqualTo("2025-06-01T00:00:50Z");

        clock.advance(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.ring("default").nodes())
                .extracting(RingNode::name).containsExactly("cache-0"));
        assertThat(api.send("POST", "/v1/clusters/default/nodes/cache-1/heartbeat", null).status()).isEqualTo(404);
    }

    @Test
    void deregistersANode() {
        api.register("default", "cache-0", "10.0.0.1", 18512);

        assertThat(api.send("DELETE", "/v1/clusters/default/nodes/cache-0", null).status()).isEqualTo(204);

        assertThat(registry.ring("default").isEmpty()).isTrue();
        assertThat(api.send("DELETE", "/v1/clusters/default/nodes/cache-0", null).status()).isEqualTo(404);
    }

    @Test
    void listsTheClustersWithTheirVersions() {
        api.register("second", "cache-0", "10.0.0.1", 18512);

        Api.Response clusters = api.send("GET", "/v1/clusters", null);

        assertThat(clusters.json().findValuesAsText("name")).containsExactly("default", "second");
        assertThat(clusters.json().get(1).path("nodes").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cache-0 | {\"address\":\"10.0.0.1\",\"port\":70000} | port",
            "cache-0 | {\"address\":\"10.0.0.1\"} | port",
            "cache-0 | {\"address\":\" \",\"port\":1} | address",
            "cache-0 | {\"address\":\"10.0.0.1\",\"port\":1,\"capacity\":0} | capacity",
            "cache-0 | {\"address\":\"10.0.0.1\",\"port\":\"x\"} | port",
            "cache-0 | {\"address\":\"10.0.0.1\",\"prot\":1} | prot",
            "Cache_0 | {\"address\":\"10.0.0.1\",\"port\":1} | node"})
    void rejectsAnInvalidRegistrationNamingTheField(String node, String body, String field) {
        Api.Response response = api.send("PUT", "/v1/clusters/default/nodes/" + node, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(response.json().path("detail").asText()).contains("'" + field + "'");
    }

    @Test
    void rejectsAMalformedBody() {
        Api.Response response = api.send("PUT", "/v1/clusters/default/nodes/cache-0", "{\"address\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asText()).startsWith("Malformed JSON");
    }

    @Test
    void answersNotFoundForAnUnknownClusterOrNode() {
        Api.Response cluster = api.send("PUT", "/v1/clusters/nope/nodes/cache-0",
                "{\"address\":\"10.0.0.1\",\"port\":1}");
        Api.Response node = api.send("POST", "/v1/clusters/default/nodes/ghost/heartbeat", null);

        assertThat(cluster.status()).isEqualTo(404);
        assertThat(cluster.json().path("detail").asText()).isEqualTo("Cluster 'nope' does not exist");
        assertThat(cluster.json().path("instance").asText()).isEqualTo("/v1/clusters/nope/nodes/cache-0");
        assertThat(node.status()).isEqualTo(404);
        assertThat(node.json().path("detail").asText()).isEqualTo("Node 'ghost' does not exist");
    }

    @Test
    void answersConflictForAnAddressAnotherNodeHolds() {
        api.register("default", "cache-0", "10.0.0.1", 18512);

        Api.Response response = api.send("PUT", "/v1/clusters/default/nodes/cache-1",
                "{\"address\":\"10.0.0.1\",\"port\":18512}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("detail").asText()).contains("already registered by node 'cache-0'");
    }

    @Test
    void answersMethodNotAllowedAsAProblem() {
        Api.Response response = api.send("PATCH", "/v1/clusters/default/nodes/cache-0", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
