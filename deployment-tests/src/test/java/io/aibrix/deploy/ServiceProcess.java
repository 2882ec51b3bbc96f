package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * One of the suite's services run from its exec jar (copied by the build into target/services) as a child JVM on a
 * loopback port, its output in a log file; stopped on close, and with this JVM at the latest.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String module, Process process, int port, Path log) {
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a module's jar and waits until {@code healthPath} answers 200.
     *
     * @param properties Spring properties, passed as {@code --key=value}, besides {@code server.port}
     */
    static ServiceProcess start(String module, int port, String healthPath, Map<String, String> properties) {
        return start(module, port, healthPath, properties, Map.of());
    }

    /** As {@link #start(String, int, String, Map)}, with extra environment variables for the child. */
    static ServiceProcess start(String module, int port, String healthPath, Map<String, String> properties,
            Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("services.directory", "target/services"), module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found; run the tests through Maven's verify, which copies"
                    + " the services' exec jars there");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "service-logs", module + "-" + port + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(module, process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, module + "-stopper"));
            service.awaitHealthy(healthPath);
            return service;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not launch " + module, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** GET of a path; the body as text. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy(String healthPath) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(uri(healthPath))
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
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException(module + " not healthy within " + STARTUP_TIMEOUT + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(no log: " + e + ")";
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
