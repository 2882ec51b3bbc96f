package io.aibrix.gateway.pd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.support.EngineFaults;
import io.aibrix.gateway.support.StubEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PrefillClient} against a real local HTTP stub engine. */
class PrefillClientIntegrationTests {

    /** Generous: a loaded 2-core machine can take hundreds of milliseconds for a first answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final PrefillClient client = new PrefillClient(HttpClient.create(), TIMEOUT);

    private final StubEngine engine = new StubEngine();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void returnsTheEnginesTransferParamsAndSendsTheBodyWithTheRequestId() {
        engine.replying(200, "application/json", "{\"id\":\"c\",\"kv_transfer_params\":{\"remote_block_ids\":[7]}}");

        PrefillClient.Result result = prefill(engine.baseUri(), "Bearer k");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.params()).asString(StandardCharsets.UTF_8).isEqualTo("{\"remote_block_ids\":[7]}");
        StubEngine.Received received = engine.inferenceRequests().getFirst();
        assertThat(received.path()).isEqualTo("/v1/completions");
        assertThat(received.body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"prompt\":\"x\"}");
        assertThat(received.headers()).containsEntry("X-request-id", List.of("req-7"))
            .containsEntry("Authorization", List.of("Bearer k"))
            .containsEntry("Content-type", List.of("application/json"));
    }

    @Test
    void reportsAnAnswerWithoutTransferParamsAsNotUsableButNotTheEnginesFault() {
        engine.replying(200, "application/json", "{\"id\":\"c\"}");

        PrefillClient.Result result = prefill(engine.baseUri(), null);

        assertThat(result.failure()).isEqualTo("missing_params");
        assertThat(result.engineFault()).isFalse();
        assertThat(engine.inferenceRequests().getFirst().headers()).doesNotContainKey("Authorization");
    }

    @Test
    void reportsA5xxAsTheEnginesFaultAndA4xxAsNot() {
        engine.replying(503, "application/json", "{\"error\":{}}");
        PrefillClient.Result unavailable = prefill(engine.baseUri(), null);
        engine.replying(400, "application/json", "{\"error\":{}}");
        PrefillClient.Result rejected = prefill(engine.baseUri(), null);

        assertThat(unavailable.failure()).isEqualTo("status_5xx");
        assertThat(unavailable.engineFault()).isTrue();
        assertThat(unavailable.cause()).hasMessage("prefill engine answered 503");
        assertThat(rejected.failure()).isEqualTo("status_4xx");
        assertThat(rejected.engineFault()).isFalse();
    }

    @Test
    void reportsAnEngineNothingListensOnAsAConnectFailure() {
        PrefillClient.Result result = prefill(EngineFaults.deadEngine(), null);

        assertThat(result.failure()).isEqualTo("connect");
        assertThat(result.engineFault()).isTrue();
    }

    @Test
    void givesUpOnAnEngineThatDoesNotAnswerWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();

            PrefillClient.Result result = prefill(URI.create("http://127.0.0.1:" + silent.getLocalPort()), null);

            assertThat(result.failure()).isEqualTo("timeout");
            assertThat(result.engineFault()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.multipliedBy(3));
        }
    }

    private PrefillClient.Result prefill(URI engineUri, String authorization) {
        Endpoint endpoint = Endpoint.of(engineUri.getHost(), engineUri.getPort());
        return client.prefill(endpoint, "/v1/completions", "{\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                "req-7", authorization).block(Duration.ofSeconds(10));
    }
}
