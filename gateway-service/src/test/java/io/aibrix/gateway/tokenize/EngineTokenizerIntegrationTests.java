package io.aibrix.gateway.tokenize;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
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
import static org.awaitility.Awaitility.await;

/** Tests for {@link EngineTokenizer} against a real simulated engine and a stub that answers slowly or badly. */
class EngineTokenizerIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void routesTheNextTurnOnItsHistorysCachedIdsAndCachesTheTurnForTheOneAfter() throws Exception {
        String first = conversation("be brief", "hello there engine");
        String second = conversation("be brief", "hello there engine", "hi, what can I do", "tell me a story");
        int[] firstIds = engineTokens(tokenizeBody(first));
        int[] secondIds = engineTokens(tokenizeBody(second));

        try (EngineTokenizer tokenizer = cachingTokenizer()) {
            assertThat(tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(first)).block())
                    .as("a miss waits for the engine").isEqualTo(firstIds);
            PromptIds known = tokenizer.tokenizePrompt(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(second)).block();
            assertThat(known.ids()).as("the history's IDs at once").isEqualTo(firstIds);
            assertThat(known.replyTokens()).as("a bound of the 5-word reply that follows them").isGreaterThan(5);
            await().atMost(Duration.ofSeconds(5)).until(() -> count("success") == 2);
            assertThat(tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(second)).block())
                    .as("the whole turn, tokenized in the background").isEqualTo(secondIds);

            assertThat(secondIds).startsWith(firstIds);
            assertThat(cacheCount("miss")).isEqualTo(1);
            assertThat(cacheCount("hit")).isEqualTo(2);
        }
    }

    @Test
    void routesFirstTurnsOnTheLearntIdsOfASystemPromptEarlierSessionsStartedWith() throws Exception {
        String system = "you are a careful assistant who answers in short sentences";
        String third = conversation(system, "and a third session");
        int[] systemIds = engineTokens("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"" + system + "\"}],\"add_generation_prompt\":false}");

        try (EngineTokenizer tokenizer = cachingTokenizer()) {
            tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(conversation(system, "first"))).block();
            tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(conversation(system, "second")))
                    .block();
            await().atMost(Duration.ofSeconds(5)).until(() -> learnt("conversation") == 1);

            PromptIds known = tokenizer.tokenizePrompt(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(third)).block();

            assertThat(known.ids()).as("the system prompt's IDs, at once").isEqualTo(systemIds);
            assertThat(known.replyTokens()).as("a user message follows them, not a reply").isZero();
            assertThat(engineTokens(tokenizeBody(third))).startsWith(systemIds);
            assertThat(cacheCount("hit")).isEqualTo(1);
        }
    }

    @Test
    void stopsServingAModelFromTheCacheOnceItsTemplateContradictsIt() throws IOException {
        // An engine whose template renders a conversation's start differently from its own start: [n, n] for n messages.
        HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/tokenize", exchange -> {
            try (exchange) {
                int messages = JSON.readTree(exchange.getRequestBody()).path("messages").size();
                byte[] body = ("{\"tokens\":[" + messages + "," + messages + "]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        engine.start();
        Endpoint unstable = Endpoint.of("127.0.0.1", engine.getAddress().getPort());
        String first = conversation("sys", "one");
        String second = conversation("sys", "one", "two", "three");

        try (EngineTokenizer tokenizer = cachingTokenizer()) {
            assertThat(tokenizer.tokenize(unstable, InferenceApi.CHAT_COMPLETIONS, bytes(first)).block())
                    .containsExactly(2, 2);
            assertThat(tokenizer.tokenize(unstable, InferenceApi.CHAT_COMPLETIONS, bytes(second)).block())
                    .as("served from the cache before the contradiction is known").containsExactly(2, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> count("success") == 2);

            assertThat(tokenizer.tokenize(unstable, InferenceApi.CHAT_COMPLETIONS, bytes(second)).block())
                    .containsExactly(4, 4);
            assertThat(cacheCount("unstable_template")).isEqualTo(1);
        }
        finally {
            engine.stop(0);
        }
    }

    private EngineTokenizer tokenizer(Duration timeout) {
        return new EngineTokenizer(timeout, 4, meters, null, null);
    }

    private EngineTokenizer cachingTokenizer() {
        return new EngineTokenizer(Duration.ofSeconds(5), 4, meters, null,
                new TokenizeCaches(new Conversations(100, 100_000, 1000), null, meters));
    }

    private double learnt(String cache) {
        return meters.counter("gateway.tokenize.prefixes-learnt", "cache", cache).count();
    }

    private double cacheCount(String outcome) {
        return meters.get("gateway.tokenize.conversation-cache").tag("outcome", outcome).counter().count();
    }

    /** A chat request alternating user and assistant messages after a system prompt. */
    private static String conversation(String system, String... turns) {
        StringBuilder body = new StringBuilder("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"" + system + "\"}");
        for (int i = 0; i < turns.length; i++) {
            body.append(",{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":\"")
                    .append(turns[i]).append("\"}");
        }
        return body.append("],\"stream\":true,\"max_tokens\":4}").toString();
    }

    /** The {@code /tokenize} body of a cached chat request: its messages without the generation prompt. */
    private static String tokenizeBody(String chat) throws Exception {
        JsonNode request = JSON.readTree(chat);
        return "{\"model\":\"" + MODEL + "\",\"messages\":" + request.get("messages") + ","
                + "\"add_generation_prompt\":false}";
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
        return EngineTokenizeCalls.tokens(fleet.engine(0).baseUri(), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
