package io.aibrix.benchmark.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * batch-service as it runs in production: its packaged jar in a child JVM with a fixed heap, on a real PostgreSQL
 * (embedded binaries, a child process of this JVM) and the local file store, sending lines to the given targets.
 */
final class BatchServiceNode implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final EmbeddedPostgres postgres;
    private final Process process;
    private final URI baseUri;
    private final Path log;

    private BatchServiceNode(EmbeddedPostgres postgres, Process process, URI baseUri, Path log) {
        this.postgres = postgres;
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts PostgreSQL and the service, and waits until the service is healthy. */
    static BatchServiceNode start(BatchPlan plan, List<URI> targets, Path workDir) throws IOException {
        // The embedded server's default is synchronous_commit=off; a result counts only once durable, as in production.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        Process process = null;
        try {
            int port = freePort();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("server.port", Integer.toString(port));
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
            properties.put("batch.storage.local.directory", workDir.resolve("files").toString());
            properties.put("batch.execution.targets", targets.stream().map(URI::toString)
                    .collect(Collectors.joining(",")));
            properties.put("batch.execution.concurrency.initial", Integer.toString(plan.batchInitial()));
            properties.put("batch.execution.concurrency.max", Integer.toString(plan.batchMax()));
            properties.put("batch.jobs.poll-interval", "200ms");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + plan.heap(), "-jar", plan.batchServiceJar().toString()));
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path log = workDir.resolve("batch-service.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            BatchServiceNode node = new BatchServiceNode(postgres, process, URI.create("http://127.0.0.1:" + port),
                    log);
            node.awaitHealthy();
            return node;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            postgres.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    /** The heap in use now, from the service's Prometheus endpoint. */
    long heapUsedBytes() {
        return (long) Metrics.sum(Http.get(baseUri.resolve("/actuator/prometheus")).body(), "jvm_memory_used_bytes",
                "area=\"heap\"");
    }

    private void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("batch-service exited on start:\n" + Files.readString(log));
            }
            try {
                if (Http.get(baseUri.resolve("/actuator/health")).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("batch-service did not become healthy within " + STARTUP + ":\n"
                + Files.readString(log));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            postgres.close();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
