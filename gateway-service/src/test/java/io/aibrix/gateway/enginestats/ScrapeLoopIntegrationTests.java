package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ScrapeLoop}, against real simulated engines and real misbehaving HTTP servers. */
class ScrapeLoopIntegrationTests {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);

    /** Two sequences at a time, so five concurrent requests leave three waiting. */
    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.max-num-seqs", 2)
            .property("simulator.eos-mean-tokens", 0)
            .build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Endpoint> targets = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();
    private SimpleMeterRegistry registry;
    private EngineStatsStore store;
    private ScrapeLoop loop;

    @BeforeEach
    void startLoop() {
        Clock clock = Clock.systemUTC();
        registry = new SimpleMeterRegistry();
        store = new EngineStatsStore(clock, Duration.ofSeconds(10), MAX_STALENESS);
        loop = new ScrapeLoop(() -> targets, store, new EngineStatsMeters(registry, clock), clock, INTERVAL,
                TIMEOUT);
        loop.start();
    }

    @AfterEach
    void stopLoop() throws Exception {
        loop.stop();
        for (AutoCloseable closeable : closeAfterTest) {
            closeable.close();
        }
    }

    private static Endpoint endpointOf(SimulatedEngine engine) {
        return Endpoint.of("127.0.0.1", engine.port());
    }

    private CompletableFuture<HttpResponse<String>> chat(SimulatedEngine engine, int maxTokens) {
        String body = """
                {"model":"%s","messages":[{"role":"user","content":"Tell me a long story about engines."}],
                 "max_tokens":%d,"ignore_eos":true}""".formatted(engine.model(), maxTokens);
        HttpRequest request = HttpRequest.newBuilder(engine.baseUri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).orTimeout(30, TimeUnit.SECONDS);
    }

    private double errors(Endpoint endpoint, String reason) {
        return registry.find(EngineStatsMeters.SCRAPE_ERRORS).tags("endpoint", endpoint.address(), "reason", reason)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private Gauge stalenessRow(Endpoint endpoint) {
        return registry.find(EngineStatsMeters.STALENESS).tag("endpoint", endpoint.address()).gauge();
    }

    @Test
    void seesLoadQueueKvUsageAndTokenRatesOfABusyEngine() {
        SimulatedEngine busy = fleet.engine(0);
        Endpoint busyEndpoint = endpointOf(busy);
        Endpoint idleEndpoint = endpointOf(fleet.engine(1));
        targets.addAll(List.of(busyEndpoint, idleEndpoint));
        await().atMost(5, TimeUnit.SECONDS).until(() -> store.metrics(busyEndpoint).isKnown());

        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(chat(busy, 100));
        }

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            EngineMetrics metrics = store.metrics(busyEndpoint);
            assertThat(metrics.runningRequests()).isEqualTo(2.0);
            assertThat(metrics.waitingRequests()).isEqualTo(3.0);
            assertThat(metrics.kvCacheUsage()).isPositive();
            assertThat(metrics.gpuCacheUsage()).isEqualTo(metrics.kvCacheUsage());
        });
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            EngineMetrics metrics = store.metrics(busyEndpoint);
            assertThat(metrics.promptTokensPerSecond()).isPositive();
            assertThat(metrics.generationTokensPerSecond()).isPositive();
        });
        EngineMetrics idle = store.metrics(idleEndpoint);
        assertThat(idle.isKnown()).isTrue();
        assertThat(idle.runningRequests()).isZero();
        assertThat(idle.waitingRequests()).isZero();
        assertThat(idle.cpuCacheUsage()).as("not exported by the engine").isNaN();

        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
        assertThat(requests).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            EngineMetrics metrics = store.metrics(busyEndpoint);
            assertThat(metrics.runningRequests()).isZero();
            assertThat(metrics.waitingRequests()).isZero();
            assertThat(metrics.meanGenerationTokens()).isEqualTo(100.0);
            assertThat(metrics.meanPromptTokens()).isPositive();
            assertThat(metrics.meanTimeToFirstTokenSeconds()).isPositive();
            assertThat(metrics.meanQueueSeconds()).isPositive();
            assertThat(metrics.meanDecodeSeconds()).isPositive();
        });
        assertThat(stalenessRow(busyEndpoint).value()).isLessThan(MAX_STALENESS.toMillis() / 1000.0);
    }

    @Test
    void treatsAnEngineThatWentAwayAsUnknownOnceItsMetricsAreStale() {
        SimulatedEngine engine = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        closeAfterTest.add(engine);
        Endpoint endpoint = endpointOf(engine);
        targets.add(endpoint);
        await().atMost(5, TimeUnit.SECONDS).until(() -> store.metrics(endpoint).isKnown());

        engine.close();
        long closedAt = System.currentTimeMillis();

        await().atMost(MAX_STALENESS.plusSeconds(2)).until(() -> !store.metrics(endpoint).isKnown());
        assertThat(errors(endpoint, "connect")).isPositive();
        assertThat(errors(endpoint, "timeout") + errors(endpoint, "status") + errors(endpoint, "parse")).isZero();
        long readAt = System.currentTimeMillis();
        assertThat(stalenessRow(endpoint).value()).as("seconds since the last success, which preceded the close")
                .isGreaterThanOrEqualTo((readAt - closedAt) / 1000.0);
    }

    @Test
    void keepsScrapingOtherEnginesOnScheduleWhileOneIsSlow() {
        MetricsStubServer slow = MetricsStubServer.slow("vllm:num_requests_running 1\n", Duration.ofSeconds(5));
        closeAfterTest.add(slow);
        Endpoint fast = endpointOf(fleet.engine(1));
        targets.addAll(List.of(slow.endpoint(), fast));
        await().atMost(5, TimeUnit.SECONDS).until(() -> store.metrics(fast).isKnown());

        long until = System.nanoTime() + Duration.ofMillis(3000).toNanos();
        long oldestSeenMillis = 0;
        while (System.nanoTime() < until) {
            EngineMetrics metrics = store.metrics(fast);
            assertThat(metrics.isKnown()).isTrue();
            oldestSeenMillis = Math.max(oldestSeenMillis,
                    System.currentTimeMillis() - metrics.scrapedAt().toEpochMilli());
            sleep(10);
        }

        // Had the fast engine waited behind the slow one, its metrics would age to the 1 s timeout and go stale.
        assertThat(oldestSeenMillis).as("age of the fast engine's metrics").isLessThan(500);
        assertThat(store.metrics(slow.endpoint()).isKnown()).isFalse();
        assertThat(errors(slow.endpoint(), "timeout")).isPositive();
        List<Long> arrivals = slow.arrivalsNanos();
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
                    .as("a new scrape starts only after the previous one timed out")
                    .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(20));
        }
    }

    @Test
    void countsFailedStatusesAndUnreadablePagesByReason() {
        MetricsStubServer failing = MetricsStubServer.failing(503);
        MetricsStubServer garbled = MetricsStubServer.serving("vllm:num_requests_running{engine=\"0\"} many\n");
        closeAfterTest.add(failing);
        closeAfterTest.add(garbled);
        targets.addAll(List.of(failing.endpoint(), garbled.endpoint()));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(errors(failing.endpoint(), "status")).isGreaterThanOrEqualTo(3);
            assertThat(errors(garbled.endpoint(), "parse")).isGreaterThanOrEqualTo(3);
        });
        assertThat(store.metrics(failing.endpoint()).isKnown()).isFalse();
        assertThat(store.metrics(garbled.endpoint()).isKnown()).isFalse();
    }

    @Test
    void forgetsEnginesThatLeaveTheTargets() {
        Endpoint staying = endpointOf(fleet.engine(0));
        Endpoint leaving = endpointOf(fleet.engine(1));
        targets.addAll(List.of(staying, leaving));
        await().atMost(5, TimeUnit.SECONDS).until(() -> store.metrics(leaving).isKnown());

        targets.remove(leaving);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !store.metrics(leaving).isKnown());
        assertThat(stalenessRow(leaving)).isNull();
        assertThat(stalenessRow(staying)).isNotNull();
        assertThat(store.metrics(staying).isKnown()).isTrue();
    }

    @Test
    void stopsScrapingWhenStopped() {
        MetricsStubServer engine = MetricsStubServer.serving("vllm:num_requests_running 1\n");
        closeAfterTest.add(engine);
        targets.add(engine.endpoint());
        await().atMost(5, TimeUnit.SECONDS).until(() -> engine.arrivalsNanos().size() >= 3);

        loop.stop();
        sleep(100);
        int afterStop = engine.arrivalsNanos().size();
        sleep(300);

        assertThat(loop.isRunning()).isFalse();
        assertThat(engine.arrivalsNanos()).hasSize(afterStop);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
