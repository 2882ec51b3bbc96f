package io.aibrix.kvcache.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import io.aibrix.kvcache.KvCacheIntegrationTest;
import io.aibrix.kvcache.ring.Ring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RingClient} against the running coordinator. */
class RingClientIntegrationTests extends KvCacheIntegrationTest {

    private RingClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void resolvesKeysLikeTheCoordinatorAndFollowsChanges() throws Exception {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        api.register("default", "cache-1", "10.0.0.2", 18512);
        client = new RingClient(URI.create(api.baseUrl()), "default", HttpClient.newHttpClient(),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        client.start();
        assertThat(client.awaitVersion(registry.ring("default").version(), Duration.ofSeconds(5))).isTrue();
        assertSameOwners(registry.ring("default"));

        api.register("default", "cache-2", "10.0.0.3", 18512);
        api.register("default", "cache-0", "10.0.0.9", 18512);

        Ring ring = registry.ring("default");
        assertThat(client.awaitVersion(ring.version(), Duration.ofSeconds(5))).isTrue();
        assertSameOwners(ring);
        assertThat(client.nodeFor("block-1")).isPresent();
    }

    @Test
    void resolvesNothingBeforeTheFirstRingOrWhenTheClusterIsEmpty() throws Exception {
        client = new RingClient(URI.create(api.baseUrl()), "second", HttpClient.newHttpClient(),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        assertThat(client.nodeFor("block-1")).isEmpty();
        assertThat(client.version()).isEqualTo(-1);

        client.start();

        assertThat(client.awaitVersion(registry.ring("second").version(), Duration.ofSeconds(5))).isTrue();
        assertThat(client.nodeFor("block-1")).isEmpty();
    }

    private void assertSameOwners(Ring ring) {
        for (int i = 0; i < 500; i++) {
            String key = "block-" + i;
            assertThat(client.nodeFor(key).map(node -> node.name() + "@" + node.address()))
                    .isEqualTo(ring.nodeFor(key).map(node -> node.name() + "@" + node.address()));
        }
    }
}
