package io.aibrix.gateway.proxy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code vtc-basic} fairness routing through the whole gateway ({@link EndpointRoutingFilter},
 * {@link InferenceExchange} feeding usage back to the strategy), against three simulated A100 engines.
 */
class FairnessRoutingIntegrationTests {

    private static final String MODEL = "llama3-8b";

    /** Run length of each strategy's phase; light requests finished in the first {@link #WARM_UP} are not counted. */
    private static final Duration PHASE = Duration.ofSeconds(10);

    private static final Duration WARM_UP = Duration.ofMillis(1500);

    private static final int HEAVY_WORKERS = 9;

    private static final int HEAVY_PROMPT_WORDS = 2_500;

    private static final int HEAVY_MAX_TOKENS = 60;

    private static final int LIGHT_PROMPT_WORDS = 40;

    private static final int LIGHT_MAX_TOKENS = 24;

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(3)
            .property("simulator.profile", "llama3-8b-a100")
            .build();

    private static RunningGateway gateway;

    private static GatewayClient client;

    private final AtomicInteger sequence = new AtomicInteger();

    @BeforeAll
    static void startGateway() {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        // Twice the default: the heavy user then stays off the light users' engine altogether, which puts the
        // difference (about 20 %, against 8-25 % with the default) well outside the timing noise of a shared machine.
        properties.put("gateway.routing.vtc.fairness-weight", "2");
        gateway = RunningGateway.start(properties);
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void givesLightUsersLowerLatencyThanRandomRoutingWhileAHeavyUserFloodsTheFleet() throws Exception {
        double random = lightUsersMeanLatencyMillis("random");
        double fair = lightUsersMeanLatencyMillis("vtc-basic");

        assertThat(fair).as("light users' mean latency (ms) with vtc-basic against random (%.0f ms)", random)
            .isLessThan(random);
        // The three users were counted, and every request was reported finished: none is left in flight.
        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(5))
            .until(() -> meters.get("gateway.routing.vtc.active.users").gauge().value() == 0);
        assertThat(meters.get("gateway.routing.vtc.tracked.users").gauge().value()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void answersTheDebugHeaderWithEveryCandidatesScore() {
        HttpResponse<String> response = client.post("/v1/chat/completions",
                body("alice", words(new SplittableRandom(1), 10), 2), "routing-strategy", "vtc-basic",
                "x-aibrix-routing-debug", "true");

        assertThat(response.statusCode()).isEqualTo(200);
        String scores = response.headers().firstValue("x-aibrix-routing-scores").orElseThrow();
        String chosen = response.headers().firstValue("target-pod-ip").orElseThrow();
        assertThat(scores).startsWith(chosen + "=");
        assertThat(Arrays.stream(scores.split(",")).map(pair -> pair.substring(0, pair.lastIndexOf('='))))
            .containsExactlyInAnyOrderElementsOf(fleet.baseUris().stream().map(URI::getAuthority).toList());
        assertThat(response.headers().firstValue("x-aibrix-routing-score-details"))
            .hasValue("vtc-basic(lower-is-better)");
    }

    /**
     * Runs one phase: two light users (short prompts, one request at a time each) and one heavy user (long prompts,
     * {@value #HEAVY_WORKERS} requests at a time), all closed-loop, and returns the light users' mean latency.
     */
    private double lightUsersMeanLatencyMillis(String strategy) throws Exception {
        ConcurrentLinkedQueue<Long> lightLatencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long warm = start + WARM_UP.toNanos();
        long end = start + PHASE.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2 + HEAVY_WORKERS)) {
            for (String user : List.of("light-1", "light-2")) {
                SplittableRandom random = new SplittableRandom(user.hashCode());
                workers.add(executor.submit(() -> loop(strategy, user, random, LIGHT_PROMPT_WORDS, LIGHT_MAX_TOKENS,
                        end, warm, lightLatencies)));
            }
            // The light users arrive first, as in steady state where the heavy user's counter is already ahead.
            Thread.sleep(200);
            for (int i = 0; i < HEAVY_WORKERS; i++) {
                SplittableRandom random = new SplittableRandom(100 + i);
                workers.add(executor.submit(() -> loop(strategy, "heavy", random, HEAVY_PROMPT_WORDS,
                        HEAVY_MAX_TOKENS, end, warm, new ConcurrentLinkedQueue<>())));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.bean(InFlightRequests.class).total() == 0);
        assertThat(lightLatencies).hasSizeGreaterThan(10);
        return lightLatencies.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }

    private void loop(String strategy, String user, SplittableRandom random, int promptWords, int maxTokens, long end,
            long warm, ConcurrentLinkedQueue<Long> latencies) {
        while (System.nanoTime() < end) {
            String body = body(user, sequence.incrementAndGet() + " " + words(random, promptWords), maxTokens);
            long sent = System.nanoTime();
            HttpResponse<String> response = client.post("/v1/chat/completions", body, "routing-strategy", strategy);
            long finished = System.nanoTime();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (sent >= warm && finished <= end) {
                latencies.add(finished - sent);
            }
        }
    }

    private static String body(String user, String content, int maxTokens) {
        return "{\"model\":\"" + MODEL + "\",\"user\":\"" + user + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}],\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true}";
    }

    /** Distinct pseudo-words, so prompts share no cached prefix. */
    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            text.append('w').append(random.nextInt(1_000_000)).append(' ');
        }
        return text.toString().strip();
    }
}
