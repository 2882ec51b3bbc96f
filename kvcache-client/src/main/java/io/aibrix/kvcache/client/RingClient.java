package io.aibrix.kvcache.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one cluster's ring on a kvcache-coordinator: reads it once, then long-polls the watch with the version it
 * has, so a change arrives within one round trip. Resolves keys to nodes from the newest ring it holds. Plain Java
 * (JDK HttpClient, Jackson), for engines and simulators.
 *
 * <pre>{@code
 * try (RingClient ring = RingClient.start(URI.create("http://kvcache-coordinator:8093"), "default")) {
 *     ring.awaitVersion(1, Duration.ofSeconds(5));
 *     Optional<CacheNode> node = ring.nodeFor(blockHash);
 * }
 * }</pre>
 */
public final class RingClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RingClient.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI ringUri;

    private final HttpClient http;

    private final Duration requestTimeout;

    private final Duration retryDelay;

    private final Object changed = new Object();

    private volatile ClientRing ring;

    private volatile boolean closed;

    private Thread follower;

    /**
     * @param requestTimeout longer than the coordinator's {@code kvcache.publication.watch-timeout}
     * @param retryDelay     pause after a failed request
     */
    public RingClient(URI baseUrl, String cluster, HttpClient http, Duration requestTimeout, Duration retryDelay) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        this.ringUri = URI.create(base + "v1/clusters/" + URLEncoder.encode(cluster, StandardCharsets.UTF_8)
                + "/ring");
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.retryDelay = retryDelay;
    }

    /** A started client with a 60 s request timeout and a 1 s retry delay. */
    public static RingClient start(URI baseUrl, String cluster) {
        RingClient client = new RingClient(baseUrl, cluster,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(60),
                Duration.ofSeconds(1));
        client.start();
        return client;
    }

    public synchronized void start() {
        if (follower == null) {
            follower = Thread.ofVirtual().name("kvcache-ring-client").start(this::follow);
        }
    }

    /** The newest ring, empty before the first answer. */
    public Optional<ClientRing> ring() {
        return Optional.ofNullable(ring);
    }

    /** The node holding {@code key}; empty before the first ring or when the ring has no members. */
    public Optional<CacheNode> nodeFor(String key) {
        ClientRing current = ring;
        return current == null ? Optional.empty() : current.nodeFor(key);
    }

    /** The version held, -1 before the first ring. */
    public long version() {
        ClientRing current = ring;
        return current == null ? -1 : current.version();
    }

    /** Waits until the held version is at least {@code version}; false on timeout. */
    public boolean awaitVersion(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (version() < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
            return true;
        }
    }

    private void follow() {
        while (!closed) {
            try {
                long held = version();
                URI uri = held < 0 ? ringUri : URI.create(ringUri + "?watch=true&version=" + held);
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(requestTimeout)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered " + response.statusCode());
                }
                ClientRing fresh = ClientRing.parse(MAPPER.readTree(response.body()));
                if (fresh.version() != held) {
                    synchronized (changed) {
                        ring = fresh;
                        changed.notifyAll();
                    }
                }
            }
            catch (InterruptedException e) {
                return;
            }
            catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.debug("Reading the ring from {} failed: {}", ringUri, e.toString());
                try {
                    Thread.sleep(retryDelay);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (follower != null) {
            follower.interrupt();
        }
    }
}
