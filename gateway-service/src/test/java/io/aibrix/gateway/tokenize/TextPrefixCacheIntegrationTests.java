package io.aibrix.gateway.tokenize;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link EngineTokenizer}'s text-prefix cache against a real simulated engine and a contradicting one. */
class TextPrefixCacheIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHARED = IntStream.range(0, 300).mapToObj(i -> "word" + i)
            .collect(Collectors.joining(" "));

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(1)
            .property("simulator.profile", "zero")
            .build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void routesAPromptStartingLikeEarlierOnesOnTheLearntIdsOfThatStartAtOnce() throws Exception {
        String first = chat(SHARED + " what is the first question");
        String second = chat(SHARED + " and here is another one");
        String third = chat(SHARED + " a third asks something else");
        int[] thirdIds = engineTokens(third);

        try (EngineTokenizer tokenizer = tokenizer()) {
            assertThat(tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(first)).block())
                    .isEqualTo(engineTokens(first));
            assertThat(tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(second)).block())
                    .as("a second prompt sharing the start still waits").isEqualTo(engineTokens(second));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> meters.counter("gateway.tokenize.prefixes-learnt", "cache", "text-prefix").count() == 1);
            double calls = calls();

            int[] known = tokenizer.tokenize(engine(), InferenceApi.CHAT_COMPLETIONS, bytes(third)).block();

            assertThat(thirdIds).startsWith(known);
            assertThat(known.length).as("the shared words, less at most one chunk").isGreaterThan(300 - 16);
            assertThat(known.length).as("none of the third prompt's own words").isLessThan(thirdIds.length - 6);
            assertThat(outcome("hit")).isEqualTo(1);
            assertThat(outcome("miss")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> calls() == calls + 1);
        }
    }

    @Test
    void learnsFromCompletionsPromptsToo() throws Exception {
        try (EngineTokenizer tokenizer = tokenizer()) {
            tokenizer.tokenize(engine(), InferenceApi.COMPLETIONS, bytes(completion(SHARED + " one"))).block();
            tokenizer.tokenize(engine(), InferenceApi.COMPLETIONS, bytes(completion(SHARED + " two"))).block();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> meters.counter("gateway.tokenize.prefixes-learnt", "cache", "text-prefix").count() == 1);

            int[] known = tokenizer.tokenize(engine(), InferenceApi.COMPLETIONS,
                    bytes(completion(SHARED + " three"))).block();

            assertThat(engineTokensOf("{\"model\":\"" + MODEL + "\",\"prompt\":\"" + SHARED + " three\"}"))
                    .startsWith(known);
            assertThat(known.length).isGreaterThan(300 - 16).isLessThan(301);
        }
    }

    @Test
    void stopsServingAModelOnceALearntPrefixContradictsItsPromptsIds() throws IOException {
        // Answers [1,2,3,length of the text] for its first three calls, then [9,9,9,length]: a tokenizer whose IDs
        // for a text's start change with what follows, as no real one should.
        AtomicInteger answered = new AtomicInteger();
        HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/tokenize", exchange -> {
            try (exchange) {
                JsonNode messages = JSON.readTree(exchange.getRequestBody()).path("messages");
                int length = messages.get(messages.size() - 1).path("content").asText().length();
                int head = answered.incrementAndGet() <= 3 ? 1 : 9;
                byte[] body = ("{\"tokens\":[" + head + "," + (head == 1 ? 2 : 9) + "," + (head == 1 ? 3 : 9) + ","
                        + length + "]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        engine.start();
        Endpoint contradicting = Endpoint.of("127.0.0.1", engine.getAddress().getPort());

        try (EngineTokenizer tokenizer = tokenizer()) {
            tokenizer.tokenize(contradicting, InferenceApi.CHAT_COMPLETIONS, bytes(chat(SHARED + " one"))).block();
            tokenizer.tokenize(contradicting, InferenceApi.CHAT_COMPLETIONS, bytes(chat(SHARED + " two"))).block();
            await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 3);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> meters.counter("gateway.tokenize.prefixes-learnt", "cache", "text-prefix").count() == 1);
            assertThat(tokenizer.tokenize(contradicting, InferenceApi.CHAT_COMPLETIONS,
                    bytes(chat(SHARED + " three"))).block()).as("served before the contradiction is known")
                    .containsExactly(1, 2, 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 4);

            assertThat(tokenizer.tokenize(contradicting, InferenceApi.CHAT_COMPLETIONS,
                    bytes(chat(SHARED + " four"))).block()).startsWith(9, 9, 9);
            assertThat(outcome("unstable_tokenizer")).isEqualTo(1);
        }
        finally {
            engine.stop(0);
        }
    }

    private EngineTokenizer tokenizer() {
        return new EngineTokenizer(Duration.ofSeconds(5), 4, meters, null,
                new TokenizeCaches(null, new TextPrefixes(64, 10_000, 100, 100_000), meters));
    }

    private double outcome(String outcome) {
        return meters.get("gateway.tokenize.text-prefix-cache").tag("outcome", outcome).counter().count();
    }

    private double calls() {
        return meters.get("gateway.tokenize.requests").tag("outcome", "success").counter().count();
    }

    private static String chat(String content) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],"
                + "\"stream\":true,\"max_tokens\":4}";
    }

    private static String completion(String prompt) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + prompt + "\",\"max_tokens\":4}";
    }

    private static Endpoint engine() {
        URI uri = fleet.engine(0).baseUri();
        return Endpoint.of(uri.getHost(), uri.getPort());
    }

    /** The engine's IDs of a chat request's messages, without the generation prompt (as the tokenizer asks). */
    private static int[] engineTokens(String chat) throws Exception {
        return engineTokensOf("{\"model\":\"" + MODEL + "\",\"messages\":" + JSON.readTree(chat).get("messages")
                + ",\"add_generation_prompt\":false}");
    }

    private static int[] engineTokensOf(String body) throws Exception {
        return EngineTokenizeCalls.tokens(fleet.engine(0).baseUri(), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
