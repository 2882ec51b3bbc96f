package io.aibrix.gateway.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aibrix.gateway.support.GatewayBlockHound;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.MetadataService;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EmbeddedRedisExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two gateways with API keys (the real metadata-service) and quotas shared through Redis, with BlockHound
 * installed, through key lookups and cache hits, missing and unknown keys, 429s, streams and an unreachable
 * metadata-service, and asserts no event-loop thread blocked in gateway code. Its own JVM, like every BlockHound test.
 */
class QuotaBlockHoundIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final List<String> violations = GatewayBlockHound.violations();

    static {
        GatewayBlockHound.install();
    }

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    @Test
    void authenticatesAndCountsQuotasWithoutBlockingAnEventLoop() {
        Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block();
        assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("sleep"));
        violations.clear();

        MetadataService metadata = MetadataService.shared();
        metadata.createUser("blockhound-limited", 5L, 100_000L);
        metadata.createUser("blockhound-free", null, null);
        List<String> keys = List.of(metadata.createKey("blockhound-limited").bearer(),
                metadata.createKey("blockhound-free").bearer(), "Bearer sk-aibrix-unknown-key-for-blockhound", "");
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.auth.metadata-url", metadata.baseUri().toString());
        properties.put("gateway.auth.metadata-token", MetadataService.INTERNAL_TOKEN);
        properties.put("gateway.auth.cache-ttl", "200ms");
        properties.put("gateway.quotas.redis-url", redis.uri().toString());
        properties.put("gateway.quotas.key-prefix", "blockhound");
        properties.put("gateway.quotas.model-rps." + MODEL, "30");
        Map<String, String> orphaned = new LinkedHashMap<>(properties);
        orphaned.put("gateway.auth.metadata-url", "http://127.0.0.1:" + MetadataService.freePort());
        try (RunningGateway first = RunningGateway.start(properties);
                RunningGateway second = RunningGateway.start(properties);
                RunningGateway orphan = RunningGateway.start(orphaned)) {
            List<GatewayClient> clients = List.of(new GatewayClient(first.baseUri()),
                    new GatewayClient(second.baseUri()), new GatewayClient(orphan.baseUri()));
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<?>> requests = new ArrayList<>();
                for (GatewayClient client : clients) {
                    for (String key : keys) {
                        for (boolean stream : new boolean[] {false, true}) {
                            for (int i = 0; i < 3; i++) {
                                requests.add(CompletableFuture.runAsync(() -> statuses.add(client.post(
                                        "/v1/chat/completions", chat(MODEL, "hello", stream, 4), "Authorization",
                                        key).statusCode())));
                            }
                        }
                    }
                }
                requests.forEach(CompletableFuture::join);
            }
            assertThat(statuses).contains(200, 401, 429, 503).doesNotContain(500);
        }

        assertThat(violations).isEmpty();
    }
}
