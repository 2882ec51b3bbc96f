package io.aibrix.benchmark.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link PacedLoad} and {@link HttpConnection} against a real local HTTP server. */
class PacedLoadIntegrationTests {

    private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/json", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}");
        });
        server.createContext("/fail", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 503, "{\"error\":{\"message\":\"busy\"}}");
        });
        server.createContext("/sse", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(150);
                out.write("data: {\"choices\":[{\"delta\":{\"content\":\"hello\"}}]}\n\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(100);
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsEveryScheduledRequestAtTheOfferedRate() throws InterruptedException {
        PacedLoad.Result result = new PacedLoad(4, Duration.ofSeconds(5)).run(url("/json"), BODY, 200,
                Duration.ofSeconds(1));

        assertThat(result.sent()).isEqualTo(200);
        assertThat(result.errors()).isZero();
        assertThat(result.latencyNanos()).hasSize(200);
        assertThat(requests).hasValue(200);
        assertThat(result.achievedRate()).isCloseTo(200, within(20.0));
    }

    @Test
    void reusesOneConnectionPerSender() throws InterruptedException {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        server.createContext("/count", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "{}");
        });
        PacedLoad.Result result = new PacedLoad(2, Duration.ofSeconds(5)).run(url("/count"), BODY, 100,
                Duration.ofMillis(500));

        assertThat(result.errors()).isZero();
        assertThat(result.latencyNanos()).hasSize(50);
        assertThat(clientPorts).hasSize(2);
    }

    @Test
    void countsNon2xxAnswersAsErrorsNotSamples() throws InterruptedException {
        PacedLoad.Result result = new PacedLoad(2, Duration.ofSeconds(5)).run(url("/fail"), BODY, 100,
                Duration.ofMillis(200));

        assertThat(result.errors()).isEqualTo(20);
        assertThat(result.latencyNanos()).isEmpty();
    }

    @Test
    void timesFirstTokenAtTheFirstNonEmptyDeltaOfAStream() throws IOException {
        try (HttpConnection connection = new HttpConnection(url("/sse"), 5_000)) {
            long start = System.nanoTime();
            HttpConnection.Exchange exchange = connection.exchange(HttpConnection.request(url("/sse"), BODY));

            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.firstTokenNanos() - start).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
            assertThat(exchange.endNanos() - exchange.firstTokenNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(90).toNanos());
        }
    }

    @Test
    void measuresLatencyFromTheDueTimeSoALateSendCountsItsWait() throws InterruptedException {
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            sleep(100);
            respond(exchange, 200, "{}");
        });
        // one connection, 50 req/s: every request waits for the previous 100 ms answer, so the queue grows
        PacedLoad.Result result = new PacedLoad(1, Duration.ofSeconds(5)).run(url("/slow"), BODY, 50,
                Duration.ofMillis(200));

        long[] latency = result.latencyNanos();
        assertThat(latency).hasSize(10);
        assertThat(latency[9]).isGreaterThan(latency[0] + Duration.ofMillis(300).toNanos());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
