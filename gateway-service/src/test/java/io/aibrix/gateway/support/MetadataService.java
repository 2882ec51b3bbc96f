package io.aibrix.gateway.support;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.testsupport.EmbeddedPostgresExtension;

/**
 * The real metadata-service, from its exec jar ({@code -Dmetadata-service.jar}, copied there by the build), running as
 * a child JVM on this JVM's embedded PostgreSQL, shared by every test class of the JVM and stopped with it. A child,
 * not a context in this JVM: its servlet, JPA and Flyway auto-configuration would take over the gateway's reactive
 * contexts on a shared classpath.
 */
public final class MetadataService {

    public static final String ADMIN_TOKEN = "admin-token-for-gateway-tests";

    public static final String INTERNAL_TOKEN = "internal-token-for-gateway-tests";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MetadataService shared;

    private final Process process;
    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MetadataService(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /** The JVM's instance, started on first use. */
    public static synchronized MetadataService shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static MetadataService start() {
        String jar = System.getProperty("metadata-service.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("metadata-service exec jar not found (system property metadata-service.jar"
                    + " = " + jar + "); run the tests through Maven's verify, which copies it");
        }
        Map<String, String> database = EmbeddedPostgresExtension.create().springProperties("gateway_metadata");
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target", "metadata-service"))
                    .resolve("metadata-" + port + ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-jar", jar,
                    "--server.port=" + port,
                    "--spring.datasource.url=" + database.get("spring.datasource.url"),
                    "--spring.datasource.username=" + database.get("spring.datasource.username"),
                    "--spring.datasource.password=" + database.get("spring.datasource.password"),
                    "--metadata.security.admin-token=" + ADMIN_TOKEN,
                    "--metadata.security.internal-token=" + INTERNAL_TOKEN);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            MetadataService service = new MetadataService(process, URI.create("http://127.0.0.1:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "metadata-service-stopper"));
            service.awaitReady(log);
            return service;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not launch metadata-service from " + jar, e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Creates a user with the given limits (null = unlimited). */
    public void createUser(String name, Long rpm, Long tpm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("rpm", rpm);
        body.put("tpm", tpm);
        expect(201, admin("POST", "/admin/v1/users", body));
    }

    /** Creates an API key for {@code user}; returns its id and its secret. */
    public ApiKey createKey(String user) {
        JsonNode created = read(expect(201, admin("POST", "/admin/v1/users/" + user + "/api-keys",
                Map.of("name", "tests"))));
        return new ApiKey(created.get("id").asText(), created.get("key").asText());
    }

    public void revokeKey(String user, String keyId) {
        expect(200, admin("DELETE", "/admin/v1/users/" + user + "/api-keys/" + keyId, null));
    }

    /** An admin call; {@code body} null for none. */
    public HttpResponse<String> admin(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return response;
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("metadata-service exited with " + process.exitValue() + "; see "
                        + log + ":\n" + tail(log));
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
        stop();
        throw new IllegalStateException("metadata-service did not become healthy within " + STARTUP_TIMEOUT + "; see "
                + log + ":\n" + tail(log));
    }

    private void stop() {
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

    /** A loopback port free a moment ago; also what a test points a gateway at to find no metadata-service. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A key as created: its id (to revoke it) and its secret (shown once). */
    public record ApiKey(String id, String secret) {

        public String bearer() {
            return "Bearer " + secret;
        }
    }
}
