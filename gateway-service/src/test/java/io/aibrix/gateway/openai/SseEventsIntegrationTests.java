package io.aibrix.gateway.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link SseEvents}, {@link ErrorBodies} and {@link UpstreamErrorNormalizer} against the official OpenAI
 * Java SDK, served from a local JDK HTTP server.
 */
class SseEventsIntegrationTests {

    private static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder().model("m")
            .addUserMessage("hi").build();

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private OpenAIClient client;
    private volatile Reply reply;

    @FunctionalInterface
    private interface Reply {
        void write(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                reply.write(exchange);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey("test-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        client.close();
        server.stop(0);
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String chunk(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Test
    void theSdkRaisesTheErrorEventMidStreamWithoutWaitingForTheStreamToEnd() {
        reply = exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, chunk("Hel").getBytes(StandardCharsets.UTF_8));
            write(out, chunk("lo").getBytes(StandardCharsets.UTF_8));
            write(out, SseEvents.errorEvent("upstream engine pod-1 failed mid-stream", "api_error", "upstream_error"));
            release.await(); // hold the connection open: no [DONE], no end of body
        };
        List<String> contents = new ArrayList<>();

        SseException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(PARAMS)) {
                Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
                return catchThrowableOfType(SseException.class, () -> chunks.forEachRemaining(chunk -> contents.add(
                        chunk.choices().get(0).delta().content().orElse(""))));
            }
        });

        assertThat(contents).containsExactly("Hel", "lo");
        assertThat(e).isNotNull().hasMessageContaining("upstream engine pod-1 failed mid-stream");
        assertThat(e.type()).contains("api_error");
        assertThat(e.code()).contains("upstream_error");
    }

    @Test
    void theSdkEndsAStreamCleanlyAtTheDoneMarker() {
        reply = exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, chunk("Hi").getBytes(StandardCharsets.UTF_8));
            write(out, SseEvents.done());
            release.await(); // the SDK must stop at [DONE], not at the end of the body
        };

        List<String> contents = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(PARAMS)) {
                return stream.stream().map(chunk -> chunk.choices().get(0).delta().content().orElse("")).toList();
            }
        });

        assertThat(contents).containsExactly("Hi");
    }

    @Test
    void theSdkReadsTheGatewayErrorEnvelope() {
        reply = exchange -> json(exchange, 400, ErrorBodies.json(400, "model 'nope' is not served", "model",
                "model_not_found"));

        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(PARAMS));

        assertThat(e).isNotNull().hasMessageContaining("model 'nope' is not served");
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.param()).contains("model");
        assertThat(e.code()).contains("model_not_found");
    }

    @Test
    void theSdkReadsANormalizedFlatVllmError() {
        byte[] vllm = ("{\"object\":\"error\",\"message\":\"The model `nope` does not exist.\","
                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}").getBytes(StandardCharsets.UTF_8);
        reply = exchange -> json(exchange, 404, new UpstreamErrorNormalizer().normalize(404, vllm,
                "application/json"));

        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> client.chat().completions().create(PARAMS));

        assertThat(e).isNotNull().hasMessageContaining("The model `nope` does not exist.");
        assertThat(e.type()).contains("NotFoundError");
    }
}
