package io.aibrix.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP engine on a free port, for what a simulated engine will not do on purpose: record the exact bytes it
 * received, or answer with a chosen status, content type and body.
 */
public final class StubEngine implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply reply = new Reply(200, "application/json", "{}");

    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    public record Reply(int status, String contentType, String body) {
    }

    public StubEngine() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public StubEngine replying(int status, String contentType, String body) {
        reply = new Reply(status, contentType, body);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            if (exchange.getRequestURI().getPath().equals("/metrics")) {
                byte[] page = "vllm:num_requests_running{model_name=\"stub\"} 0\n".getBytes();
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                return;
            }
            Reply current = reply;
            byte[] bytes = current.body().getBytes();
            exchange.getResponseHeaders().set("content-type", current.contentType());
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Requests received on the inference paths (metrics scrapes excluded). */
    public List<Received> inferenceRequests() {
        return received.stream().filter(r -> r.path().startsWith("/v1/")).toList();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
