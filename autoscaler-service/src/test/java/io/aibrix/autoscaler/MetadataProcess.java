package io.aibrix.autoscaler;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real metadata-service from its executable jar in a child JVM, on its own embedded PostgreSQL under a
 * temporary directory, with an admin token.
 */
public final class MetadataProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path directory;

    private MetadataProcess(Process process, URI base, Path directory) {
        this.process = process;
        this.base = base;
        this.directory = directory;
    }

    public static MetadataProcess start(Path jar, String adminToken) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("autoscaler-it-metadata");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port, "--metadata.embedded-database.data-directory=" + dir.resolve("pg"),
                "--metadata.engines.ttl=1h"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("metadata.log").toFile());
        builder.environment().put("METADATA_SECURITY_ADMINTOKEN", adminToken);
        MetadataProcess metadata = new MetadataProcess(builder.start(), URI.create("http://127.0.0.1:" + port),
                dir);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!metadata.process.isAlive()) {
                throw new IOException("metadata-service exited; see " + dir.resolve("metadata.log"));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(metadata.base.resolve(
                        "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return metadata;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        metadata.close();
        throw new IOException("metadata-service not ready within 120 s; see " + dir.resolve("metadata.log"));
    }

    public URI base() {
        return base;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    /** Deletes a directory and everything under it; what cannot be deleted stays. */
    public static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // left for the system's temporary-file cleanup
        }
    }
}
