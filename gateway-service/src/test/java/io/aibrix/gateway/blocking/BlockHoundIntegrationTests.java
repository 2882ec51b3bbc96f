package io.aibrix.gateway.blocking;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.aibrix.gateway.support.EngineFaults;
import io.aibrix.gateway.support.GatewayBlockHound;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every kind of request through the gateway with BlockHound installed and asserts no event-loop thread blocked.
 * Runs in its own JVM (a separate Failsafe execution): BlockHound instruments the JDK for the rest of the JVM's life.
 *
 * <p>Blocking calls are recorded rather than thrown, so one violation does not hide the next; the simulated engines
 * share this JVM, so only stacks that pass through gateway code count.
 */
class BlockHoundIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final List<String> violations = GatewayBlockHound.violations();

    static {
        GatewayBlockHound.install();
    }

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    private static RunningGateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void startGateway() {
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL,
                List.of(fleet.engine(0).baseUri(), fleet.engine(1).baseUri(), EngineFaults.deadEngine())));
        properties.put("gateway.proxy.max-body-size", "4KB");
        properties.put("gateway.routing.prefix-cache.tokenizer", "engine"); // the tokenizer call runs before routing
        gateway = RunningGateway.start(properties);
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void servesEveryKindOfRequestWithoutBlockingAnEventLoop() throws Exception {
        // First prove the detector works here: a sleep on a Reactor thread must be recorded.
        Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block();
        assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("sleep"));
        violations.clear();

        List<CompletableFuture<?>> load = new ArrayList<>();
        for (String strategy : List.of("random", "least-request", "least-kv-cache", "least-gpu-cache",
                "least-latency", "throughput", "power-of-two", "session-affinity", "least-request:2,least-kv-cache",
                "prefix-cache", "prefix-cache-preble", "vtc-basic", "prefix-cache:2,vtc-basic", "kv-aware",
                "kv-aware:2,least-request")) {
            for (boolean stream : new boolean[] {false, true}) {
                load.add(CompletableFuture.runAsync(() -> client.post("/v1/chat/completions",
                        chat(MODEL, "no blocking " + strategy, stream, 8), "routing-strategy", strategy,
                        "x-aibrix-routing-debug", "true", "user", "user-" + strategy.length())));
            }
        }
        load.add(CompletableFuture.runAsync(() -> client.post("/v1/completions",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"abc\",\"max_tokens\":3}")));
        load.add(CompletableFuture.runAsync(() -> client.post("/v1/embeddings",
                "{\"model\":\"" + MODEL + "\",\"input\":\"abc\"}")));
        load.forEach(CompletableFuture::join);

        client.post("/v1/chat/completions", "{not json");
        client.post("/v1/chat/completions", chat("missing", "x", false, 1));
        client.post("/v1/chat/completions", chat(MODEL, "x".repeat(5000), false, 1));
        client.post("/v1/chat/completions", chat(MODEL, "x", false, 1), "routing-strategy", "nope");
        client.post("/v1/unknown", "{}");
        client.get("/v1/models");
        client.get("/actuator/prometheus");

        URI broken = fleet.engine(1).baseUri();
        EngineFaults.set(broken, "{\"dropStreamAfterTokens\":2}");
        for (int i = 0; i < 4; i++) {
            GatewayClient.lines(client.open("/v1/chat/completions", chat(MODEL, "cut " + i, true, 20)));
        }
        EngineFaults.set(broken, "{\"errorRate\":1.0,\"errorStatus\":503}");
        for (int i = 0; i < 4; i++) {
            client.post("/v1/chat/completions", chat(MODEL, "retry " + i, false, 2));
        }
        EngineFaults.clear(broken);
        HttpResponse<InputStream> abandoned = client.open("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"max_tokens\":500,\"ignore_eos\":true,\"stream\":true}");
        abandoned.body().read(new byte[32]);
        abandoned.body().close();
        Thread.sleep(300);

        assertThat(violations).isEmpty();
    }
}
