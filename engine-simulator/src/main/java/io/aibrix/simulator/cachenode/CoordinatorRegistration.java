package io.aibrix.simulator.cachenode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a cache node in its cluster on the kvcache-coordinator: registers (PUT), renews the lease by heartbeat,
 * registers again when the coordinator no longer knows the node (a lapsed lease or a restarted coordinator), and
 * deregisters on close. Failures are retried every interval; the node serves regardless.
 */
final class CoordinatorRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorRegistration.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI nodeUri;
    private final String body;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final Thread thread;
    private volatile boolean registered;
    private volatile boolean closed;

    CoordinatorRegistration(URI coordinator, String cluster, String name, String address, int port,
            Duration interval) {
        String base = coordinator.toString().endsWith("/") ? coordinator.toString() : coordinator + "/";
        this.nodeUri = URI.create(base + "v1/clusters/" + encode(cluster) + "/nodes/" + encode(name));
        this.body = "{\"address\":\"" + address + "\",\"port\":" + port + ",\"capacity\":1}";
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("cache-node-registration").start(this::run);
    }

    boolean registered() {
        return registered;
    }

    private void run() {
        while (!closed) {
            try {
                if (!registered) {
                    int status = send(HttpRequest.newBuilder(nodeUri).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)));
                    registered = status == 200 || status == 201;
                    if (!registered) {
                        log.warn("Registering at {} answered {}", nodeUri, status);
                    }
                } else {
                    int status = send(HttpRequest.newBuilder(URI.create(nodeUri + "/heartbeat"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    if (status == 404) {
                        registered = false;
                        continue;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.debug("Coordinator call to {} failed: {}", nodeUri, e.toString());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (registered) {
            try {
                send(HttpRequest.newBuilder(nodeUri).DELETE());
            } catch (Exception e) {
                log.debug("Deregistering {} failed: {}", nodeUri, e.toString());
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
