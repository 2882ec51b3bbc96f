package io.aibrix.gateway.kvevents;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.aibrix.gateway.endpoint.Endpoint;

/**
 * A local HTTP engine whose {@code /v1/kv-events} streams scripted lines, one script per connection, then either
 * ends the response or falls silent: what a real engine only does when it stops or hangs. Records each connection's
 * query string.
 */
final class ScriptedFeedEngine implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String serverInfo;

    /** One connection's lines, then an end of the response or silence. */
    record Script(List<String> lines, boolean silentAfter) {
    }

    ScriptedFeedEngine(String engineId) {
        engineId(engineId);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/server_info", this::serverInfo);
        server.createContext("/v1/kv-events", this::events);
        server.start();
    }

    /** What {@code /server_info} reports from now on. */
    ScriptedFeedEngine engineId(String engineId) {
        return serverInfo("{\"engine_id\":\"" + engineId + "\",\"role\":\"both\",\"model\":\"llama3-8b\","
                + "\"block_size\":16,\"num_gpu_blocks\":100,\"enable_prefix_caching\":true,"
                + "\"kv_events\":{\"enabled\":true,\"path\":\"/v1/kv-events\",\"buffer_size\":10000}}");
    }

    ScriptedFeedEngine serverInfo(String json) {
        serverInfo = json;
        return this;
    }

    /** The next connection gets these lines, then the response ends. */
    ScriptedFeedEngine thenEnds(String... lines) {
        scripts.add(new Script(List.of(lines), false));
        return this;
    }

    /** The next connection gets these lines, then nothing more until the client gives up. */
    ScriptedFeedEngine thenSilent(String... lines) {
        scripts.add(new Script(List.of(lines), true));
        return this;
    }

    /** Query strings of the event connections so far ("" for none). */
    List<String> queries() {
        return queries;
    }

    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", server.getAddress().getPort());
    }

    private void serverInfo(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = serverInfo.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query == null ? "" : query);
            Script script = scripts.poll();
            if (script == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().set("content-type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : script.lines()) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (script.silentAfter()) {
                closed.await(30, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
