package io.aibrix.benchmark.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a vLLM-compatible engine on a free loopback port: streams {@code max_tokens} chunks of
 * {@code " tokN"} {@code tokenDelayMillis} apart with the OpenAI SSE framing, reports as cached the longest word
 * prefix the prompt shares with an earlier prompt, and serves {@code /v1/models}, {@code /metrics} and {@code /admin/step-stats}.
 */
public final class FakeEngine implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<String[]> seenPrompts = new CopyOnWriteArrayList<>();
    private final List<Headers> requestHeaders = new CopyOnWriteArrayList<>();
    private final List<JsonNode> requestBodies = new CopyOnWriteArrayList<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private volatile long tokenDelayMillis;
    private volatile int failWithStatus;
    private volatile String podHeader;

    public FakeEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", ex -> respond(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\","
                + "\"object\":\"model\",\"owned_by\":\"vllm\"}]}"));
        server.createContext("/v1/chat/completions", ex -> complete(ex, true));
        server.createContext("/v1/completions", ex -> complete(ex, false));
        server.createContext("/metrics", this::metrics);
        server.createContext("/admin/step-stats", this::stepStats);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String pod() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeEngine tokenDelayMillis(long millis) {
        this.tokenDelayMillis = millis;
        return this;
    }

    /** Answer every completion with this HTTP status and an OpenAI error body; 0 streams normally. */
    public FakeEngine failWithStatus(int status) {
        this.failWithStatus = status;
        return this;
    }

    /** Send a {@code target-pod} response header, as the gateway does. */
    public FakeEngine podHeader(String pod) {
        this.podHeader = pod;
        return this;
    }

    public List<Headers> requestHeaders() {
        return requestHeaders;
    }

    public List<JsonNode> requestBodies() {
        return requestBodies;
    }

    public long served() {
        return served.get();
    }

    public long stepStatsResets() {
        return resets.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void complete(HttpExchange exchange, boolean chat) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        requestHeaders.add(exchange.getRequestHeaders());
        requestBodies.add(body);
        if (failWithStatus != 0) {
            respond(exchange, failWithStatus, "{\"error\":{\"message\":\"engine overloaded\",\"type\":"
                    + "\"ServiceUnavailable\",\"param\":null,\"code\":" + failWithStatus + "}}");
            return;
        }
        String[] prompt = (chat ? joinedContents(body) : body.path("prompt").asText()).strip().split("\\s+");
        int cached = seenPrompts.stream().mapToInt(seen -> commonPrefix(seen, prompt)).max().orElse(0);
        seenPrompts.add(prompt);
        int promptTokens = prompt.length;
        int maxTokens = body.path("max_tokens").asInt(16);
        if (podHeader != null) {
            exchange.getResponseHeaders().add("target-pod", podHeader);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (chat) {
                event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
            }
            for (int i = 0; i < maxTokens; i++) {
                sleep(tokenDelayMillis);
                String text = json.writeValueAsString(" tok" + i);
                String finish = i == maxTokens - 1 ? "\"length\"" : "null";
                event(out, chat
                        ? "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + text + "},\"finish_reason\":" + finish
                                + "}]}"
                        : "{\"choices\":[{\"index\":0,\"text\":" + text + ",\"finish_reason\":" + finish + "}]}");
            }
            event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                    + maxTokens + ",\"total_tokens\":" + (promptTokens + maxTokens)
                    + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}}}");
            event(out, "[DONE]");
        }
        served.incrementAndGet();
    }

    private static int commonPrefix(String[] a, String[] b) {
        int n = 0;
        while (n < a.length && n < b.length && a[n].equals(b[n])) {
            n++;
        }
        return n;
    }

    private static String joinedContents(JsonNode body) {
        StringBuilder all = new StringBuilder();
        body.path("messages").forEach(m -> all.append(m.path("content").asText()).append(' '));
        return all.toString();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        long n = served.get();
        respond(exchange, 200, "# HELP vllm:num_preemptions_total preemptions\n"
                + "vllm:num_preemptions_total{model_name=\"fake-model\",engine=\"0\"} 0.0\n"
                + "vllm:time_to_first_token_seconds_sum{model_name=\"fake-model\",engine=\"0\"} " + n * 0.01 + "\n"
                + "vllm:time_to_first_token_seconds_count{model_name=\"fake-model\",engine=\"0\"} " + n + ".0\n"
                + "vllm:e2e_request_latency_seconds_sum{model_name=\"fake-model\",engine=\"0\"} " + n * 0.1 + "\n"
                + "vllm:e2e_request_latency_seconds_count{model_name=\"fake-model\",engine=\"0\"} " + n + ".0\n"
                + "vllm:prefix_cache_queries_total{model_name=\"fake-model\",engine=\"0\"} " + n * 100 + ".0\n"
                + "vllm:prefix_cache_hits_total{model_name=\"fake-model\",engine=\"0\"} " + n * 50 + ".0\n");
    }

    private void stepStats(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/reset")) {
            resets.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        respond(exchange, 200, "{\"steps\":100,\"modelledMsMean\":30.0,\"measuredMsMean\":30.5,\"absErrorMsMean\":0.5,"
                + "\"absErrorMsP50\":0.4,\"absErrorMsP99\":1.5,\"absErrorMsMax\":2.0,\"withinToleranceRatio\":0.99}");
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
