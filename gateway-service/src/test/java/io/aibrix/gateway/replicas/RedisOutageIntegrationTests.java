package io.aibrix.gateway.replicas;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aibrix.gateway.support.GatewayClient;
import io.aibrix.gateway.support.RunningGateway;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

import static io.aibrix.gateway.support.GatewayClient.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisLink} through a real gateway whose Redis (a real embedded one on a port of the test's
 * choosing) is missing at start-up, then comes, goes and comes back: clients never see an error, the outage is counted,
 * and sharing resumes on its own.
 */
class RedisOutageIntegrationTests {

    private static final String MODEL = "llama3-8b";

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    @Test
    void routesOnItsOwnStateWhileRedisIsDownAndResumesSharingWhenItIsBack() throws IOException {
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>(RunningGateway.staticModel(0, MODEL, fleet.baseUris()));
        properties.put("gateway.replicas.redis-url", "redis://127.0.0.1:" + port);
        properties.put("gateway.replicas.channel-prefix", "outage-it");
        try (RunningGateway gateway = RunningGateway.start(properties)) {
            GatewayClient client = new GatewayClient(gateway.baseUri());

            sendEveryKind(client, 0);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(errors(gateway, "connect"))
                    .isPositive());
            assertThat(gauge(gateway, "gateway.replicas.redis.connected")).isZero();
            assertThat(gauge(gateway, "gateway.replicas.prefix.pending.blocks")).as("kept for later").isPositive();

            RedisServer redis = redis(port);
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(gauge(gateway, "gateway.replicas.redis.connected")).isEqualTo(1);
                    assertThat(gauge(gateway, "gateway.replicas.prefix.pending.blocks")).isZero();
                    assertThat(counter(gateway, "gateway.replicas.prefix.blocks", "direction", "published"))
                            .as("decisions made while Redis was down").isPositive();
                });

                redis.stop();
                sendEveryKind(client, 1);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(gauge(gateway, "gateway.replicas.redis.connected")).isZero();
                    assertThat(errors(gateway, "publish")).isPositive();
                });

                redis = redis(port);
                double published = counter(gateway, "gateway.replicas.messages", "kind", "in_flight", "direction",
                        "published");
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(gauge(gateway, "gateway.replicas.redis.connected")).isEqualTo(1);
                    assertThat(counter(gateway, "gateway.replicas.messages", "kind", "in_flight", "direction",
                            "published")).isGreaterThan(published);
                });
                sendEveryKind(client, 2);
            }
            finally {
                redis.stop();
            }
        }
    }

    /** Prefix-aware, load-aware and streamed requests; every one must succeed whatever Redis does. */
    private static void sendEveryKind(GatewayClient client, int round) {
        for (String strategy : new String[] {"prefix-cache", "prefix-cache-preble", "least-request"}) {
            for (boolean stream : new boolean[] {false, true}) {
                String prompt = "round " + round + " " + strategy + " " + "shared words ".repeat(40);
                HttpResponse<String> response = client.post("/v1/chat/completions", chat(MODEL, prompt, stream, 4),
                        "routing-strategy", strategy);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
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

    private static double errors(RunningGateway gateway, String operation) {
        return counter(gateway, "gateway.replicas.redis.errors", "operation", operation);
    }

    private static double gauge(RunningGateway gateway, String name) {
        return gateway.bean(MeterRegistry.class).get(name).gauge().value();
    }

    private static double counter(RunningGateway gateway, String name, String... tags) {
        return gateway.bean(MeterRegistry.class).find(name).tags(tags).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
