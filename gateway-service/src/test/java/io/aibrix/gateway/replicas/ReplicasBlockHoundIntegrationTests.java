package io.aibrix.gateway.replicas;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.aibrix.gateway.support.GatewayBlockHound;
import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import redis.embedded.RedisServer;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs two gateways sharing state through Redis, with BlockHound installed, through traffic, a Redis outage and the
 * reconnection, and asserts no event-loop thread (the gateway's, Reactor's or the Redis client's) blocked in gateway
 * code. Runs in its own JVM, like the gateway-wide BlockHound test: BlockHound instruments the JDK for the rest of the
 * JVM's life, and only the first installation in a JVM takes effect.
 */
class ReplicasBlockHoundIntegrationTests {

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

    @Test
    void sharesStateWithoutBlockingAnEventLoopThroughARedisOutage() throws Exception {
        Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block();
        assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("sleep"));
        violations.clear();

        int port = freePort();
        RedisServer redis = redis(port);
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.replicas.redis-url", "redis://127.0.0.1:" + port);
        try (RunningGateway first = RunningGateway.start(properties);
                RunningGateway second = RunningGateway.start(properties)) {
            List<GatewayClient> clients = List.of(new GatewayClient(first.baseUri()),
                    new GatewayClient(second.baseUri()));
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(first, "gateway.replicas.peers") == 1
                    && gauge(second, "gateway.replicas.peers") == 1);

            load(clients, 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> applied(first) > 0 && applied(second) > 0);

            redis.stop();
            load(clients, 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge(first, "gateway.replicas.redis.connected") == 0);

            redis = redis(port);
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge(first, "gateway.replicas.redis.connected") == 1
                    && gauge(second, "gateway.replicas.redis.connected") == 1);
            double before = applied(second);
            load(clients, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> applied(second) > before);
        }
        finally {
            redis.stop();
        }

        assertThat(violations).isEmpty();
    }

    /** Concurrent prefix-aware, load-aware and streamed requests through both gateways. */
    private static void load(List<GatewayClient> clients, int round) {
        List<CompletableFuture<?>> requests = new ArrayList<>();
        for (GatewayClient client : clients) {
            for (String strategy : List.of("prefix-cache", "prefix-cache-preble", "least-request",
                    "prefix-cache:2,least-request")) {
                for (boolean stream : new boolean[] {false, true}) {
                    String prompt = "round " + round + " " + strategy + " " + "shared words ".repeat(40);
                    requests.add(CompletableFuture.runAsync(() -> assertThat(client.post("/v1/chat/completions",
                            chat(MODEL, prompt, stream, 8), "routing-strategy", strategy, "x-aibrix-routing-debug",
                            "true").statusCode()).isEqualTo(200)));
                }
            }
        }
        requests.forEach(CompletableFuture::join);
    }

    private static double applied(RunningGateway gateway) {
        return gateway.bean(MeterRegistry.class).get("gateway.replicas.prefix.blocks").tags("direction", "applied")
                .counter().count();
    }

    private static double gauge(RunningGateway gateway, String name) {
        return gateway.bean(MeterRegistry.class).get(name).gauge().value();
    }

    private static RedisServer redis(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .soutListener(line -> { })
                .serrListener(line -> { })
                .build();
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
