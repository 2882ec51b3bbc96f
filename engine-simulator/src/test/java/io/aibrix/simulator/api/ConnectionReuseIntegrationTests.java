package io.aibrix.simulator.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that one HTTP/1.1 keep-alive connection serves request after request without stalling, as a gateway's
 * connection pool uses it: the next request is sent the moment the previous response has arrived.
 */
class ConnectionReuseIntegrationTests {

    private static SimulatedEngine engine;
    private static EngineClient client;

    @BeforeAll
    static void startEngine() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero"));
        client = new EngineClient(engine.baseUri(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void servesBackToBackRequestsOnOneKeepAliveConnection() {
        List<Runnable> requests = List.of(
                () -> assertThat(client.get("/health").statusCode()).isEqualTo(200),
                () -> assertThat(client.post("/v1/completions", "{\"prompt\": \"hi\", \"max_tokens\": 2}")
                        .statusCode()).isEqualTo(200),
                () -> assertThat(client.delete("/admin/faults").statusCode()).isEqualTo(204),
                () -> assertThat(client.get("/metrics").statusCode()).isEqualTo(200),
                () -> assertThat(client.post("/admin/step-stats/reset", "").statusCode()).isEqualTo(204),
                () -> assertThat(client.post("/v1/chat/completions", "{\"model\": \"x\", \"messages\": []}")
                        .statusCode()).isEqualTo(404));

        // Without the fix for reactor/reactor-netty#4361 about one request in a hundred stalled until the client
        // timed out.
        for (int i = 0; i < 1200; i++) {
            requests.get(i % requests.size()).run();
        }
    }
}
