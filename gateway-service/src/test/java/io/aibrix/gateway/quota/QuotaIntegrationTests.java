package io.aibrix.gateway.quota;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.MetadataService;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.EmbeddedRedisExtension;
import io.aibrix.testsupport.EngineFleetExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Quotas} on Redis through two gateway replicas that share it, with callers' limits from API keys
 * resolved by the real metadata-service (real PostgreSQL, real Redis, simulated engines).
 */
class QuotaIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String BROKEN_MODEL = "broken";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @RegisterExtension
    static final EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    private static MetadataService metadata;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;

    @BeforeAll
    static void start() {
        metadata = MetadataService.shared();
        redisClient = RedisClient.create(redis.uri().toString());
        redisConnection = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        redisConnection.close();
        redisClient.shutdown();
    }

    @Test
    void twoReplicasTogetherAdmitNoMoreThanAUsersRequestsPerMinute() throws Exception {
        metadata.createUser("rpm-user", 20L, null);
        String bearer = metadata.createKey("rpm-user").bearer();
        try (RunningGateway first = RunningGateway.start(properties("rpm", Map.of()));
                RunningGateway second = RunningGateway.start(properties("rpm", Map.of()))) {
            List<GatewayClient> clients = List.of(new GatewayClient(first.baseUri()),
                    new GatewayClient(second.baseUri()));
            awayFromAMinuteBoundary();
            List<HttpResponse<String>> responses = concurrently(80, 16, i -> clients.get(i % 2).post(
                    "/v1/chat/completions", chat(MODEL, "request " + i, false, 4), "Authorization", bearer));

            List<HttpResponse<String>> admitted = responses.stream().filter(r -> r.statusCode() == 200).toList();
            List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
            System.out.printf("RPM 20, 80 concurrent requests over 2 replicas: %d admitted, %d refused%n",
                    admitted.size(), refused.size());
            assertThat(admitted).hasSize(20);
            assertThat(refused).hasSize(60).allSatisfy(response -> {
                assertThat(response.headers().firstValue("retry-after")).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 120));
                assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("20");
                assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
                assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).isPresent();
                JsonNode error = json(response).get("error");
                assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
            });
            assertThat(admitted).allSatisfy(response -> assertThat(
                    response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("20"));
        }
    }

    /** The caller has no limits of its own: every caller counts against the model's. */
    @Test
    void twoReplicasTogetherAdmitNoMoreThanAModelsRequestsPerSecondInAnyWindow() throws Exception {
        int rps = 25;
        String prefix = "rps";
        metadata.createUser("rps-user", null, null);
        String bearer = metadata.createKey("rps-user").bearer();
        try (RunningGateway first = RunningGateway.start(properties(prefix, Map.of(MODEL, rps)));
                RunningGateway second = RunningGateway.start(properties(prefix, Map.of(MODEL, rps)))) {
            List<GatewayClient> clients = List.of(new GatewayClient(first.baseUri()),
                    new GatewayClient(second.baseUri()));
            Map<Long, Long> perWindow = new ConcurrentHashMap<>();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> sampleWindows(prefix + ":m:" + MODEL + ":rps:*",
                    perWindow, sampling));
            long started = System.nanoTime();
            Duration load = Duration.ofSeconds(6);
            List<HttpResponse<String>> responses = concurrently(24, 24, i -> {
                List<HttpResponse<String>> mine = new ArrayList<>();
                while (System.nanoTime() - started < load.toNanos()) {
                    mine.add(clients.get(i % 2).post("/v1/chat/completions", chat(MODEL, "worker " + i, false, 2),
                            "Authorization", bearer));
                }
                return mine;
            }).stream().flatMap(List::stream).toList();
            double seconds = (System.nanoTime() - started) / 1e9;
            sampling.set(false);
            sampler.join();

            long admitted = responses.stream().filter(r -> r.statusCode() == 200).count();
            long refused = responses.stream().filter(r -> r.statusCode() == 429).count();
            Map<Long, Long> windows = new TreeMap<>(perWindow);
            System.out.printf("RPS %d over 2 replicas, %.1f s: %d sent, %d admitted (%.1f/s), %d refused;"
                    + " admitted per 1 s window: %s%n", rps, seconds, responses.size(), admitted, admitted / seconds,
                    refused, windows.values());
            assertThat(admitted + refused).isEqualTo(responses.size());
            assertThat(windows).isNotEmpty();
            assertThat(windows.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(rps));
            assertThat((double) admitted).isLessThanOrEqualTo(rps * (Math.ceil(seconds) + 1));
            assertThat(refused).isPositive();
        }
    }

    @Test
    void settlesReservedTokensToTheReportedUsageAndGivesThemBackOnFailure() throws Exception {
        long tpm = 100_000;
        metadata.createUser("tpm-user", null, tpm);
        String bearer = metadata.createKey("tpm-user").bearer();
        Map<String, String> properties = properties("tpm", Map.of());
        properties.put("gateway.discovery.static.models[1].name", BROKEN_MODEL);
        properties.put("gateway.discovery.static.models[1].endpoints", "127.0.0.1:" + MetadataService.freePort());
        properties.put("gateway.proxy.max-retries", "0");
        try (RunningGateway gateway = RunningGateway.start(properties)) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            awayFromAMinuteBoundary();
            String body = chat(MODEL, "count my tokens please", false, 50);

            HttpResponse<String> firstResponse = client.post("/v1/chat/completions", body, "Authorization", bearer);
            assertThat(firstResponse.statusCode()).isEqualTo(200);
            long reserved = tpm - Long.parseLong(firstResponse.headers().firstValue("x-ratelimit-remaining-tokens")
                    .orElseThrow());
            long used = json(firstResponse).at("/usage/total_tokens").asLong();
            String tokensKey = "tpm:u:tpm-user:tpm:" + Instant.now().toEpochMilli() / 60_000;
            await().atMost(Duration.ofSeconds(5)).until(() -> count(tokensKey) == used);

            HttpResponse<String> failed = client.post("/v1/chat/completions", chat(BROKEN_MODEL, "x", false, 500),
                    "Authorization", bearer);
            assertThat(failed.statusCode()).isEqualTo(502);
            await().atMost(Duration.ofSeconds(5)).until(() -> count(tokensKey) == used);

            HttpResponse<String> next = client.post("/v1/chat/completions", body, "Authorization", bearer);
            System.out.printf("TPM %d: reserved %d, used %d, remaining on the next admission %s%n", tpm, reserved,
                    used, next.headers().firstValue("x-ratelimit-remaining-tokens").orElse("?"));
            assertThat(reserved).isGreaterThan(50);
            assertThat(next.headers().firstValue("x-ratelimit-remaining-tokens"))
                    .hasValue(Long.toString(tpm - used - reserved));
        }
    }

    @Test
    void admitsWithoutQuotasWhileRedisIsDownUnlessToldToFailClosed() {
        Map<String, String> open = properties("down", Map.of(MODEL, 1));
        open.remove("gateway.auth.metadata-url");
        open.put("gateway.quotas.redis-url", "redis://127.0.0.1:" + MetadataService.freePort());
        open.put("gateway.quotas.command-timeout", "200ms");
        try (RunningGateway gateway = RunningGateway.start(open)) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            for (int i = 0; i < 3; i++) {
                assertThat(client.post("/v1/chat/completions", chat(MODEL, "hi", false, 2)).statusCode())
                        .isEqualTo(200);
            }
            assertThat(gateway.bean(MeterRegistry.class).get("gateway.quotas.requests").tag("outcome", "failed_open")
                    .counter().count()).isEqualTo(3);
        }
        Map<String, String> closed = new LinkedHashMap<>(open);
        closed.put("gateway.quotas.fail-open", "false");
        try (RunningGateway gateway = RunningGateway.start(closed)) {
            HttpResponse<String> response = new GatewayClient(gateway.baseUri()).post("/v1/chat/completions",
                    chat(MODEL, "hi", false, 2));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("service_unavailable");
        }
    }

    private static Map<String, String> properties(String keyPrefix, Map<String, Integer> modelRps) {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.auth.metadata-url", metadata.baseUri().toString());
        properties.put("gateway.auth.metadata-token", MetadataService.INTERNAL_TOKEN);
        properties.put("gateway.quotas.redis-url", redis.uri().toString());
        properties.put("gateway.quotas.key-prefix", keyPrefix);
        modelRps.forEach((model, rps) -> properties.put("gateway.quotas.model-rps." + model, rps.toString()));
        return properties;
    }

    private static <T> List<T> concurrently(int tasks, int threads, Task<T> task) throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(executor.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** Records the largest count each window key reached, while the load runs (keys expire after 3 s). */
    private static void sampleWindows(String pattern, Map<Long, Long> perWindow, AtomicBoolean sampling) {
        RedisCommands<String, String> commands = redisConnection.sync();
        while (sampling.get()) {
            for (String key : commands.keys(pattern)) {
                String value = commands.get(key);
                if (value != null) {
                    long window = Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
                    perWindow.merge(window, Long.parseLong(value), Math::max);
                }
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long count(String key) {
        String value = redisConnection.sync().get(key);
        return value == null ? -1 : Long.parseLong(value);
    }

    /** Per-minute checks are exact only within one window; waits out the last 15 s of a minute. */
    private static void awayFromAMinuteBoundary() throws InterruptedException {
        long intoMinute = Instant.now().toEpochMilli() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @FunctionalInterface
    private interface Task<T> {

        T run(int index) throws Exception;
    }
}
