package io.aibrix.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary bundled with codemonstur embedded-redis) on a free loopback port, shared by every
 * test class in the JVM, so cache and rate-limit tests exercise real Redis semantics without Docker.
 *
 * <p>Register it with {@code @RegisterExtension static EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();}
 * or {@code @ExtendWith(EmbeddedRedisExtension.class)}. The server starts on first use and stops in a JVM shutdown
 * hook. Persistence is off; tests that need a clean keyspace should use their own key prefix.
 */
public final class EmbeddedRedisExtension implements BeforeAllCallback {

    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;

    private static int port;

    private EmbeddedRedisExtension() {
    }

    public static EmbeddedRedisExtension create() {
        return new EmbeddedRedisExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        serverPort();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return serverPort();
    }

    /** {@code redis://127.0.0.1:<port>} */
    public URI uri() {
        return URI.create("redis://" + HOST + ":" + serverPort());
    }

    /** {@code spring.data.redis.host} and {@code spring.data.redis.port}, for {@code @DynamicPropertySource}. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.data.redis.host", HOST);
        properties.put("spring.data.redis.port", Integer.toString(serverPort()));
        return properties;
    }

    private static synchronized int serverPort() {
        if (port == 0) {
            port = start();
        }
        return port;
    }

    /** Retries on a fresh port because another process may take the chosen one before Redis binds it. */
    private static int start() {
        IOException failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int candidate = FreePorts.find();
            try {
                RedisServer.newRedisServer()
                        .bind(HOST)
                        .port(candidate)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .soutListener(line -> { })
                        .serrListener(line -> { })
                        .build()
                        .start();
                return candidate;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw new UncheckedIOException("Embedded Redis did not start after " + START_ATTEMPTS + " attempts", failure);
    }
}
