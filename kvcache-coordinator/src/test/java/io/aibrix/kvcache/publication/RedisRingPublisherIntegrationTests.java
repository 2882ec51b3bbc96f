package io.aibrix.kvcache.publication;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.kvcache.KvCacheIntegrationTest;
import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.SlotRange;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link RedisRingPublisher} on a real (embedded) Redis. */
class RedisRingPublisherIntegrationTests extends KvCacheIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisClient client;

    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.uri().toString());
        connection = client.connect();
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void writesTheAibrixDocumentUnderTheClustersKey() throws Exception {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        api.register("default", "cache-1", "10.0.0.2", 18512);
        Ring ring = registry.ring("default");

        JsonNode document = awaitVersion("kvcache_nodes", ring.version());

        assertThat(document.properties()).extracting(entry -> entry.getKey()).containsExactly("nodes", "version");
        JsonNode first = document.path("nodes").get(0);
        assertThat(first.properties()).extracting(entry -> entry.getKey())
                .containsExactly("name", "addr", "port", "slots");
        assertThat(first.path("name").asText()).isEqualTo("cache-0");
        assertThat(first.path("addr").asText()).isEqualTo("10.0.0.1");
        assertThat(first.path("port").asInt()).isEqualTo(18512);
        List<SlotRange> ranges = JSON.readerForListOf(SlotRange.class).readValue(first.path("slots"));
        assertThat(ranges).isEqualTo(ring.slotsOf("cache-0"));
    }

    @Test
    void writesANewVersionWhenOnlyAnAddressChanges() {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        long version = registry.ring("default").version();
        awaitVersion("kvcache_nodes", version);

        api.register("default", "cache-0", "10.0.0.5", 18512);

        JsonNode document = awaitVersion("kvcache_nodes", version + 1);
        assertThat(document.path("nodes").findValuesAsText("addr")).containsExactly("10.0.0.5");
    }

    @Test
    void writesEachClusterUnderItsOwnKey() {
        api.register("second", "cache-9", "10.0.0.9", 18512);

        JsonNode document = awaitVersion("second_nodes", registry.ring("second").version());

        assertThat(document.path("nodes").findValuesAsText("name")).containsExactly("cache-9");
    }

    private JsonNode awaitVersion(String key, long version) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> {
            String value = connection.sync().get(key);
            return value == null ? JSON.createObjectNode() : JSON.readTree(value);
        }, document -> document.path("version").asLong(-1) == version);
    }
}
