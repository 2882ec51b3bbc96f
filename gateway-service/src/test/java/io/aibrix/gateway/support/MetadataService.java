package io.aibrix.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aibrix.testsupport.EmbeddedPostgresExtension;

/**
 * The real metadata-service, from its exec jar ({@code -Dmetadata-service.jar}, copied there by the build), running as
 * a child JVM ({@link ServiceJar} says why) on this JVM's embedded PostgreSQL, shared by every test class of the JVM
 * and stopped with it.
 */
public final class MetadataService {

    public static final String ADMIN_TOKEN = "admin-token-for-gateway-tests";

    public static final String INTERNAL_TOKEN = "internal-token-for-gateway-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MetadataService shared;

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MetadataService(URI baseUri) {
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
        Map<String, String> database = EmbeddedPostgresExtension.create().springProperties("gateway_metadata");
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        for (String key : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password")) {
            properties.put(key, database.get(key));
        }
        properties.put("metadata.security.admin-token", ADMIN_TOKEN);
        properties.put("metadata.security.internal-token", INTERNAL_TOKEN);
        ServiceJar service = ServiceJar.start("metadata-service", "metadata-service.jar", "384m",
                Path.of("target", "metadata-service", "metadata-" + port + ".log"), properties);
        return new MetadataService(service.baseUri());
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

    /** A loopback port free a moment ago; also what a test points a gateway at to find no metadata-service. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key as created: its id (to revoke it) and its secret (shown once). */
    public record ApiKey(String id, String secret) {

        public String bearer() {
            return "Bearer " + secret;
        }
    }
}
