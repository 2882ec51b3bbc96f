package io.aibrix.testsupport;

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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The S3Mock executable jar running as a child JVM, plus the plumbing to find, start, probe and stop it. */
final class S3MockProcess {

    private static final String DEFAULT_VERSION = "4.12.4";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final URI endpoint;
    private final Path storeRoot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private S3MockProcess(Process process, URI endpoint, Path storeRoot) {
        this.process = process;
        this.endpoint = endpoint;
        this.storeRoot = storeRoot;
    }

    /** Starts the child, waits until it answers HTTP and registers a shutdown hook that stops it. */
    static S3MockProcess start(Path jar, Collection<String> initialBuckets) {
        int port = FreePorts.find();
        try {
            Path storeRoot = Files.createTempDirectory("s3mock-store");
            Path log = logFile(port);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(),
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--spring.main.banner-mode=off"));
            if (!initialBuckets.isEmpty()) {
                command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", initialBuckets));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3MockProcess s3mock = new S3MockProcess(process, URI.create("http://127.0.0.1:" + port), storeRoot);
            Runtime.getRuntime().addShutdownHook(new Thread(s3mock::stop, "s3mock-stopper"));
            s3mock.awaitReady(log);
            return s3mock;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch S3Mock from " + jar, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Creates the bucket unless it exists; S3Mock does not check request signatures, so plain HTTP suffices. */
    void ensureBucket(String bucket) {
        URI uri = endpoint.resolve("/" + bucket);
        try {
            int head = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            if (head == 200) {
                return;
            }
            int put = send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()));
            if (put != 200) {
                throw new IllegalStateException("S3Mock refused to create bucket '" + bucket + "': HTTP " + put);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("S3Mock did not answer at " + endpoint, e);
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with code " + process.exitValue()
                        + " before answering at " + endpoint + ". Last lines of " + log + ":\n" + tail(log));
            }
            try {
                send(HttpRequest.newBuilder(endpoint).GET());
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(200));
            }
        }
        stop();
        throw new IllegalStateException("S3Mock did not answer at " + endpoint + " within " + STARTUP_TIMEOUT.toSeconds()
                + " s. Last lines of " + log + ":\n" + tail(log));
    }

    private int send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(PROBE_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to S3Mock", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(storeRoot);
    }

    /** The jar named by {@code -Ds3mock.jar}, else the exec jar in the local Maven repository. */
    static Path locateJar() {
        return locateJar(System.getProperty("s3mock.jar"), System.getProperty("s3mock.version", DEFAULT_VERSION),
                System.getProperty("maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    }

    static Path locateJar(String configuredJar, String version, String localRepository) {
        if (configuredJar != null && !configuredJar.isBlank() && Files.isRegularFile(Path.of(configuredJar))) {
            return Path.of(configuredJar);
        }
        Path fromRepository = Path.of(localRepository, "com", "adobe", "testing", "s3mock", version,
                "s3mock-" + version + "-exec.jar");
        if (Files.isRegularFile(fromRepository)) {
            return fromRepository;
        }
        throw new IllegalStateException("S3Mock exec jar not found. Looked at system property s3mock.jar ("
                + (configuredJar == null ? "not set" : configuredJar) + ") and the local Maven repository ("
                + fromRepository + "). Copy com.adobe.testing:s3mock:" + version + ":jar:exec with"
                + " maven-dependency-plugin and pass its path to the test JVM as -Ds3mock.jar.");
    }

    /** Under the module's {@code target/} when tests run from the module directory, as Maven does. */
    private static Path logFile(int port) throws IOException {
        Path target = Path.of("target");
        Path directory = Files.isDirectory(target)
                ? Files.createDirectories(target.resolve("s3mock"))
                : Files.createTempDirectory("s3mock-log");
        return directory.resolve("s3mock-" + port + ".log");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for S3Mock", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the directory lives under the system temp directory.
        }
    }
}
