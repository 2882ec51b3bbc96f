package io.aibrix.batch.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP reverse proxy between the batch service and an engine that records every request it receives (by the
 * batch line header the service sends), can answer the first {@code failFirst} requests with 503 instead of
 * forwarding them, and can hold each request for a while to make a batch slow.
 */
public final class RecordingProxy implements AutoCloseable {

    /**
     * One received request: its batch line, when it arrived (epoch milliseconds), and its {@code Authorization} header
     * (null without one).
     */
    public record Send(String batchId, int line, long receivedAtMillis, String authorization) {
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger refused = new AtomicInteger();
    private final Duration delay;
    private final List<Send> sends = new CopyOnWriteArrayList<>();

    private RecordingProxy(URI target, int failFirst, Duration delay) throws IOException {
        this.target = target;
        this.failuresLeft = new AtomicInteger(failFirst);
        this.delay = delay;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static RecordingProxy start(URI target, int failFirst, Duration delay) {
        try {
            return new RecordingProxy(target, failFirst, delay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Send> sends() {
        return List.copyOf(sends);
    }

    /** Requests answered with 503 instead of being forwarded. */
    public int refused() {
        return refused.get();
    }

    /** How many times each line of the batch was received. */
    public Map<Integer, Integer> sendsPerLine(String batchId) {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        sends.stream().filter(send -> send.batchId().equals(batchId))
                .forEach(send -> counts.merge(send.line(), 1, Integer::sum));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String batch = exchange.getRequestHeaders().getFirst("x-aibrix-batch-id");
            String line = exchange.getRequestHeaders().getFirst("x-aibrix-batch-line");
            if (batch != null && line != null) {
                sends.add(new Send(batch, Integer.parseInt(line), System.currentTimeMillis(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
            }
            if (failuresLeft.getAndDecrement() > 0) {
                refused.incrementAndGet();
                respond(exchange, 503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"overloaded_error\"}}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            HttpRequest forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> response = http.send(forward, HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
