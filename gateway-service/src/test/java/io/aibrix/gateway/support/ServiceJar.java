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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another service of this project run as a child JVM from its exec jar (whose path the build passes as a system
 * property), on a loopback port, its output in a log file, stopped with this JVM at the latest. A child, not a context
 * in this JVM: a servlet service's JPA and Flyway auto-configuration would take over the gateway's reactive contexts
 * on a shared classpath.
 */
final class ServiceJar implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceJar(String name, Process process, URI baseUri, Path log) {
        this.name = name;
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /**
     * Starts the service and waits until its {@code /actuator/health} answers 200.
     *
     * @param name        the service, for messages and the stopper thread
     * @param jarProperty the system property holding the exec jar's path
     * @param heap        the child's {@code -Xmx}
     * @param log         where its output goes
     * @param properties  Spring properties, passed as {@code --key=value}; must include {@code server.port}
     */
    static ServiceJar start(String name, String jarProperty, String heap, Path log, Map<String, String> properties) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(name + " exec jar not found (system property " + jarProperty + " = "
                    + jar + "); run the tests through Maven's verify, which copies it");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + heap, "-jar", jar));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            ServiceJar service = new ServiceJar(name, process,
                    URI.create("http://127.0.0.1:" + properties.get("server.port")), log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-stopper"));
            service.awaitReady();
            return service;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not launch " + name + " from " + jar, e);
        }
    }

    URI baseUri() {
        return baseUri;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log + ":\n"
                        + tail());
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
        throw new IllegalStateException(name + " did not become healthy within " + STARTUP_TIMEOUT + "; see " + log
                + ":\n" + tail());
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

    /** Stops the child, forcibly after 10 s; idempotent. */
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
