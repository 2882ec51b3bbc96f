package io.aibrix.kvcache.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.aibrix.kvcache.Api;
import io.aibrix.kvcache.KvCacheIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link RingController} ({@code kvcache.publication.watch-timeout=1s}). */
class RingControllerIntegrationTests extends KvCacheIntegrationTest {

    private static final String RING = "/v1/clusters/default/ring";

    @Autowired
    private RingWatchers watchers;

    @Test
    void publishesEveryMemberWithItsSlotRanges() {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        api.register("default", "cache-1", "10.0.0.2", 18513);

        Api.Response ring = api.send("GET", RING, null);

        assertThat(ring.status()).isEqualTo(200);
        assertThat(ring.json().path("cluster").asText()).isEqualTo("default");
        assertThat(ring.json().path("version").asLong()).isEqualTo(registry.ring("default").version());
        assertThat(ring.json().path("slotCount").asInt()).isEqualTo(4096);
        assertThat(ring.json().path("hash").asText()).isEqualTo("xxh64");
        assertThat(ring.json().path("nodes").findValuesAsText("addr")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(ring.json().path("nodes").get(1).path("port").asInt()).isEqualTo(18513);
        int slots = 0;
        for (var node : ring.json().path("nodes")) {
            for (var range : node.path("slots")) {
                slots += range.path("end").asInt() - range.path("start").asInt() + 1;
            }
        }
        assertThat(slots).isEqualTo(4096);
    }

    @Test
    void answersNotModifiedForTheCurrentEntityTagAndANewTagAfterAnAddressChange() {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        String etag = api.send("GET", RING, null).header("ETag");
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");

        Api.Response unchanged = api.send("GET", RING, null, Map.of("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header("ETag")).isEqualTo(etag);

        api.register("default", "cache-0", "10.0.0.9", 18512);
        Api.Response changed = api.send("GET", RING, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.json().path("nodes").findValuesAsText("addr")).containsExactly("10.0.0.9");
    }

    @Test
    void answersAWatchAtOnceWhenTheRingIsAlreadyNewer() {
        api.register("default", "cache-0", "10.0.0.1", 18512);
        long version = registry.ring("default").version();

        Api.Response watch = api.send("GET", RING + "?watch=true&version=" + (version - 1), null);

        assertThat(watch.status()).isEqualTo(200);
        assertThat(watch.json().path("version").asLong()).isEqualTo(version);
    }

    @Test
    void answersAParkedWatchWhenTheRingChanges() throws Exception {
        long version = registry.ring("default").version();
        CompletableFuture<Api.Response> watch = api.sendAsync(RING + "?watch=true&version=" + version);
        await().until(() -> watchers.waiting("default") == 1);

        api.register("default", "cache-0", "10.0.0.1", 18512);

        Api.Response response = watch.get(5, TimeUnit.SECONDS);
        assertThat(response.json().path("version").asLong()).isEqualTo(version + 1);
        assertThat(response.json().path("nodes").findValuesAsText("name")).containsExactly("cache-0");
    }

    @Test
    void answersAWatchWithTheCurrentRingAfterTheTimeout() throws Exception {
        long version = registry.ring("default").version();
        long started = System.nanoTime();

        Api.Response response = api.sendAsync(RING + "?watch=true&version=" + version).get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("version").asLong()).isEqualTo(version);
        assertThat(watchers.waiting("default")).isZero();
    }

    @Test
    void parksMoreWatchesThanThereAreRequestThreads() throws Exception {
        long version = registry.ring("default").version();
        List<CompletableFuture<Api.Response>> watches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            watches.add(api.sendAsync(RING + "?watch=true&version=" + version));
        }
        await().until(() -> watchers.waiting("default") == 12);

        assertThat(api.send("GET", RING, null).status()).isEqualTo(200);
        api.register("default", "cache-0", "10.0.0.1", 18512);
        for (CompletableFuture<Api.Response> watch : watches) {
            assertThat(watch.get(5, TimeUnit.SECONDS).json().path("version").asLong()).isEqualTo(version + 1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?watch=true | version",
            "?watch=true&version=-1 | version",
            "?watch=true&version=abc | version",
            "?version=3 | version",
            "?watch=maybe | watch"})
    void rejectsABadWatchNamingTheParameter(String query, String field) {
        Api.Response response = api.send("GET", RING + query, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    @Test
    void answersNotFoundForAnUnknownCluster() {
        Api.Response response = api.send("GET", "/v1/clusters/nope/ring?watch=true&version=0", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).isEqualTo("Cluster 'nope' does not exist");
    }
}
