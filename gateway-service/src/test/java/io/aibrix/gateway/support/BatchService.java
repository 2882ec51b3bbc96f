package io.aibrix.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real batch-service, from its exec jar ({@code -Dbatch-service.jar}, copied there by the build), running as a
 * child JVM on the given PostgreSQL database, storing files in a directory of its own and sending batch lines straight
 * to the given engines. A child for the same reason as {@link MetadataService}.
 */
public final class BatchService implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BatchService(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts it and waits until it is healthy; {@code database} holds the {@code spring.datasource.*} properties. */
    public static BatchService start(Map<String, String> database, List<URI> engines) {
        String jar = System.getProperty("batch-service.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("batch-service exec jar not found (system property batch-service.jar = "
                    + jar + "); run the tests through Maven's verify, which copies it");
        }
        int port = MetadataService.freePort();
        try {
            Path home = Files.createDirectories(Path.of("target", "batch-service", "run-" + port));
            Map<String, String> properties = new LinkedHashMap<>(database);
            properties.put("server.port", Integer.toString(port));
            properties.put("batch.storage.local.directory", home.resolve("files").toAbsolutePath().toString());
            properties.put("batch.execution.targets",
                    engines.stream().map(URI::toString).collect(Collectors.joining(",")));
            properties.put("batch.jobs.poll-interval", "100ms");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar));
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path log = home.resolve("batch-service.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            BatchService service = new BatchService(process, URI.create("http://127.0.0.1:" + port), log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "batch-service-stopper"));
            service.awaitReady();
            return service;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not launch batch-service from " + jar, e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("batch-service exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(baseUri.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("batch-service did not become healthy within " + STARTUP_TIMEOUT + "; see "
                + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
