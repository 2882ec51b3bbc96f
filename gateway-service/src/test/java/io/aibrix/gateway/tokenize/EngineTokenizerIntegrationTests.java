package io.aibrix.gateway.tokenize;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link EngineTokenizer} against a real simulated engine and a stub that answers slowly or badly. */
class EngineTokenizerIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "zero")
            .build();

    private static HttpServer stub;
    private static ExecutorService stubThreads;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startStub() throws IOException {
        stubThreads = Executors.newCachedThreadPool();
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(stubThreads);
        stub.createContext("/tokenize", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(2_000);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop(0);
        stubThreads.shutdownNow();
    }

    @Test
    void returnsTheEnginesTokenIdsForAChatPrompt() throws Exception {
        String chat = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"hello there engine\"}],\"stream\":true,\"max_tokens\":4}";

        try (EngineTokenizer tokenizer = tokenizer(Duration.ofSeconds(5))) {
            int[] ids = tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(chat)).block();

            assertThat(ids).isEqualTo(engineTokens("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\","
                    + "\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hello there engine\"}],"
                    + "\"add_generation_prompt\":true}"));
            assertThat(ids.length).isGreaterThan(5);
            assertThat(count("success")).isEqualTo(1);
            assertThat(meters.get("gateway.tokenize.duration").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void returnsTheEnginesTokenIdsForACompletionPrompt() throws Exception {
        String completion = "{\"model\":\"" + MODEL + "\",\"prompt\":\"once upon a time\",\"max_tokens\":4}";

        try (EngineTokenizer tokenizer = tokenizer(Duration.ofSeconds(5))) {
            int[] ids = tokenizer.tokenize(engine(), InferenceApi.COMPLETIONS, bytes(completion)).block();

            assertThat(ids).hasSize(5).isEqualTo(engineTokens("{\"model\":\"" + MODEL
                    + "\",\"prompt\":\"once upon a time\"}"));
        }
    }

    @Test
    void completesEmptyWhenTheEngineRejectsTheRequest() {
        String unknownModel = "{\"model\":\"no-such-model\",\"prompt\":\"x\"}";

        try (EngineTokenizer tokenizer = tokenizer(Duration.ofSeconds(5))) {
            assertThat(tokenizer.tokenize(engine(), InferenceApi.COMPLETIONS, bytes(unknownModel)).blockOptional())
                    .isEmpty();
            assertThat(count("status")).isEqualTo(1);
        }
    }

    @Test
    void completesEmptyWithinTheTimeoutWhenTheEngineIsSlow() {
        try (EngineTokenizer tokenizer = tokenizer(Duration.ofMillis(200))) {
            long start = System.nanoTime();
            assertThat(tokenizer.tokenize(Endpoint.of("127.0.0.1", stub.getAddress().getPort()),
                    InferenceApi.COMPLETIONS, bytes("{\"model\":\"m\",\"prompt\":\"x\"}")).blockOptional()).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(count("timeout")).isEqualTo(1);
        }
    }

    @Test
    void completesEmptyWhenTheEngineIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        try (EngineTokenizer tokenizer = tokenizer(Duration.ofSeconds(2))) {
            assertThat(tokenizer.tokenize(Endpoint.of("127.0.0.1", closedPort), InferenceApi.COMPLETIONS,
                    bytes("{\"model\":\"m\",\"prompt\":\"x\"}")).blockOptional()).isEmpty();
            assertThat(count("error")).isEqualTo(1);
        }
    }

    @Test
    void completesEmptyWithoutCallingForABodyItCannotRead() {
        try (EngineTokenizer tokenizer = tokenizer(Duration.ofSeconds(2))) {
            assertThat(tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes("{\"model\":\"m\"}"))
                    .blockOptional()).isEmpty();
            assertThat(count("invalid_request")).isEqualTo(1);
        }
    }

    private EngineTokenizer tokenizer(Duration timeout) {
        return new EngineTokenizer(timeout, 4, meters, null);
    }

    private double count(String outcome) {
        return meters.get("gateway.tokenize.requests").tag("outcome", outcome).counter().count();
    }

    private static Endpoint engine() {
        URI uri = fleet.engine(0).baseUri();
        return Endpoint.of(uri.getHost(), uri.getPort());
    }

    /** What the engine answers to a hand-written {@code /tokenize} body. */
    private static int[] engineTokens(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(fleet.engine(0).baseUri()
                .resolve("/tokenize")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(response.body()).path("tokens");
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).intValue();
        }
        return ids;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
