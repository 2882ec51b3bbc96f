package io.aibrix.gateway.discovery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link MetadataEndpointSource} against a local stub of metadata-service's registry. */
@ExtendWith(OutputCaptureExtension.class)
class MetadataEndpointSourceIntegrationTests {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final RegistryStub registry = new RegistryStub();

    private final List<EndpointSnapshot> snapshots = new CopyOnWriteArrayList<>();

    private final AtomicBoolean completed = new AtomicBoolean();

    private MetadataEndpointSource source;

    private Disposable subscription;


    @BeforeEach
    void start() throws IOException {
        registry.start();
        source = new MetadataEndpointSource(registry.baseUrl(), POLL_INTERVAL, REQUEST_TIMEOUT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
        source.close();
        registry.stop();
    }

    @Test
    void emitsTheRegistryAndThenOnlyItsChangesUsingConditionalRequests() {
        registry.serve("1", engine("llama-0", "10.0.0.1", true, "llama", "sql-lora"));
        subscribe();

        await().until(() -> snapshots.size() == 1);
        assertThat(snapshots.get(0).endpoints("sql-lora"))
                .containsExactly(new Endpoint("llama-0", "10.0.0.1", 8000, 8000, null, true));
        await().until(() -> registry.notModifiedFor("\"1\"") >= 3);

        registry.serve("2", engine("llama-0", "10.0.0.1", true, "llama"),
                engine("llama-1", "10.0.0.2", false, "llama"));
        await().until(() -> snapshots.size() == 2);
        assertThat(snapshots.get(1).models()).containsExactly("llama");
        assertThat(snapshots.get(1).readyEndpoints("llama")).extracting(Endpoint::name).containsExactly("llama-0");

        source.close();
        await().untilTrue(completed);
        assertThat(snapshots).hasSize(2);
    }

    @Test
    void keepsTheLastSnapshotThroughErrorsAndSlowResponsesAndLogsEachOutageOnce(CapturedOutput output) {
        registry.serve("1", engine("llama-0", "10.0.0.1", true, "llama"));
        subscribe();
        await().until(() -> snapshots.size() == 1);

        registry.fail(500);
        await().until(() -> registry.count("500") >= 3);
        registry.serve("1", engine("llama-0", "10.0.0.1", true, "llama"));
        await().until(() -> logOf(output).contains("available again"));

        registry.slow(REQUEST_TIMEOUT.multipliedBy(2), "2", engine("llama-9", "10.0.0.9", true, "llama"));
        await().until(() -> registry.count("slow") >= 2);
        assertThat(snapshots).hasSize(1);

        registry.serve("3", engine("llama-1", "10.0.0.2", true, "llama"));
        await().until(() -> snapshots.size() == 2);
        assertThat(snapshots.get(1).endpoints("llama")).extracting(Endpoint::name).containsExactly("llama-1");
        await().untilAsserted(() -> assertThat(occurrences(logOf(output), "available again")).isEqualTo(2));
        assertThat(occurrences(logOf(output), "unavailable (HTTP 500); keeping")).isEqualTo(1);
        assertThat(occurrences(logOf(output), "unavailable (no response within PT1S); keeping")).isEqualTo(1);
        assertThat(completed).isFalse();
    }

    @Test
    void refusesADocumentThatBreaksTheContractAndKeepsTheLastSnapshot(CapturedOutput output) {
        registry.serve("1", engine("llama-0", "10.0.0.1", true, "llama"));
        subscribe();
        await().until(() -> snapshots.size() == 1);

        registry.serveRaw("2", "{\"version\":\"2\",\"endpoints\":[{\"name\":\"x\",\"host\":\"10.0.0.3\"}]}");
        await().until(() -> logOf(output).contains("unavailable (endpoints[0] ('x'): 'host', 'port', 'ready' and"
                + " 'models' are required)"));
        await().until(() -> registry.count("200") >= 4);

        assertThat(snapshots).hasSize(1);
        assertThat(registry.conditionalRequests()).allMatch("\"1\""::equals);
    }

    @Test
    void emitsNothingUntilTheRegistryFirstAnswers() {
        registry.fail(503);
        subscribe();
        await().until(() -> registry.count("503") >= 2);
        assertThat(snapshots).isEmpty();

        registry.serve("1");
        await().until(() -> snapshots.size() == 1);
        assertThat(snapshots.get(0)).isEqualTo(EndpointSnapshot.EMPTY);
    }

    /**
     * Log lines about this test's registry: the capture can hold earlier tests' output, and holds each line once per
     * capture level (class and method), so lines are filtered by this registry's address and de-duplicated.
     */
    private String logOf(CapturedOutput output) {
        String registryUri = MetadataEndpointSource.registryUri(registry.baseUrl()).toString();
        return output.getOut().lines().filter(line -> line.contains(registryUri)).distinct()
                .reduce("", (all, line) -> all + line + "\n");
    }

    private void subscribe() {
        subscription = source.snapshots().subscribe(snapshots::add, error -> { }, () -> completed.set(true));
    }

    private static String engine(String name, String host, boolean ready, String... models) {
        return "{\"name\":\"" + name + "\",\"host\":\"" + host + "\",\"port\":8000,\"role\":null,\"ready\":" + ready
                + ",\"models\":[\"" + String.join("\",\"", models) + "\"],\"labels\":{\"ignored\":\"yes\"}}";
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Serves {@code /v1/registry/endpoints} with whatever behaviour the test set last; records what it answered. */
    private static final class RegistryStub {

        private record Behaviour(int status, String etag, String body, Duration delay) {
        }

        private volatile Behaviour behaviour = new Behaviour(503, "", "", Duration.ZERO);

        private final Queue<String> answers = new ConcurrentLinkedQueue<>();

        private final Queue<String> ifNoneMatch = new ConcurrentLinkedQueue<>();

        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        private HttpServer server;

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext(MetadataEndpointSource.REGISTRY_PATH, this::handle);
            server.start();
        }

        void stop() {
            server.stop(0);
            executor.shutdownNow();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        void serve(String version, String... engines) {
            serveRaw(version, "{\"version\":\"" + version + "\",\"endpoints\":[" + String.join(",", engines) + "]}");
        }

        void serveRaw(String version, String body) {
            behaviour = new Behaviour(200, "\"" + version + "\"", body, Duration.ZERO);
        }

        void fail(int status) {
            behaviour = new Behaviour(status, "", "{\"error\":\"down\"}", Duration.ZERO);
        }

        void slow(Duration delay, String version, String... engines) {
            serve(version, engines);
            behaviour = new Behaviour(200, behaviour.etag(), behaviour.body(), delay);
        }

        long count(String answer) {
            return answers.stream().filter(answer::equals).count();
        }

        long notModifiedFor(String etag) {
            return answers.stream().filter(("304 " + etag)::equals).count();
        }

        List<String> conditionalRequests() {
            return List.copyOf(ifNoneMatch);
        }

        private void handle(HttpExchange exchange) throws IOException {
            Behaviour current = behaviour;
            String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (condition != null) {
                ifNoneMatch.add(condition);
            }
            try (exchange) {
                if (!current.delay().isZero()) {
                    answers.add("slow");
                    Thread.sleep(current.delay());
                }
                if (current.status() == 200 && current.etag().equals(condition)) {
                    answers.add("304 " + condition);
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (!current.etag().isEmpty()) {
                    exchange.getResponseHeaders().set("ETag", current.etag());
                }
                answers.add(String.valueOf(current.status()));
                exchange.sendResponseHeaders(current.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
