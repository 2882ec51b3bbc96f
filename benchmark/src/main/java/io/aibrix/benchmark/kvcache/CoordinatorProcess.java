package io.aibrix.benchmark.kvcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The kvcache-coordinator as it runs in production: its packaged jar in a child JVM, on a free port. */
public final class CoordinatorProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private CoordinatorProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts the coordinator with these registration clusters (besides {@code default}); waits until it answers. */
    public static CoordinatorProcess start(Path jar, Path logDirectory, List<String> clusters) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No kvcache-coordinator jar at " + jar);
        }
        int port = freePort();
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve("kvcache-coordinator.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", jar.toString(), "--server.port=" + port));
        for (String cluster : clusters) {
            command.add("--kvcache.clusters." + cluster + ".source=registration");
            // Redis is off here, but every cluster needs a key of its own all the same.
            command.add("--kvcache.clusters." + cluster + ".redis-key=kvcache_nodes_" + cluster);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CoordinatorProcess coordinator = new CoordinatorProcess(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            coordinator.awaitUp();
        } catch (RuntimeException | IOException e) {
            coordinator.close();
            throw e;
        }
        return coordinator;
    }

    public URI baseUri() {
        return baseUri;
    }

    private void awaitUp() throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kvcache-coordinator exited with " + process.exitValue() + "; log: "
                        + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/v1/clusters"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the coordinator", e);
            }
            sleep(200);
        }
        throw new IllegalStateException("kvcache-coordinator not up within " + STARTUP + "; log: " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
