package io.aibrix.benchmark.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.aibrix.benchmark.client.Target;
import io.aibrix.gateway.GatewayApplication;
import io.aibrix.simulator.SimulatedEngine;
import redis.embedded.RedisServer;

/**
 * Fresh simulated engines (cold KV caches, zeroed counters) and gateways in front of them with static discovery,
 * plus, for several gateways, an empty Redis server through which they share routing state, all inside this JVM
 * (Redis as its child process) on free ports. Everything starts and stops one at a time on the calling thread: Spring Boot's
 * logging set-up is JVM-global, so contexts must not start or close concurrently.
 */
final class BenchmarkCluster implements AutoCloseable {

    static final String MODEL = "llama3-8b";
    private static final String LOOPBACK = "127.0.0.1";
    /** The gateway's setting that turns replica state sharing on. */
    private static final String REPLICAS_REDIS_URL = "gateway.replicas.redis-url";
    private static final Duration POLL = Duration.ofMillis(100);
    /** Lets the gateways' metric scrapers see every engine once before load starts (they scrape every 50 ms). */
    private static final Duration SETTLE = Duration.ofMillis(300);

    private final List<SimulatedEngine> engines = new ArrayList<>();
    private RedisServer redis;
    private int redisPort;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private final List<Target> gatewayTargets = new ArrayList<>();

    private BenchmarkCluster() {
    }

    /** Starts the engines, then {@code gatewayCount} gateways, and waits until every gateway is ready. */
    static BenchmarkCluster start(ClusterSettings settings, long seed, int gatewayCount) {
        BenchmarkCluster cluster = new BenchmarkCluster();
        try {
            for (int i = 0; i < settings.engines(); i++) {
                cluster.engines.add(SimulatedEngine.start(engineProperties(settings, seed, i)));
            }
            List<URI> engineUris = cluster.engines.stream().map(SimulatedEngine::baseUri).toList();
            Map<String, Object> shared = new LinkedHashMap<>();
            if (settings.replicaRedis() && gatewayCount > 1) {
                int port = freePort();
                cluster.redis = startRedis(port);
                cluster.redisPort = port;
                shared.put(REPLICAS_REDIS_URL, "redis://" + LOOPBACK + ":" + port);
            }
            for (int i = 0; i < gatewayCount; i++) {
                ConfigurableApplicationContext gateway = startGateway(settings, engineUris, shared);
                cluster.gateways.add(gateway);
                cluster.gatewayTargets.add(Target.parse("http://127.0.0.1:"
                        + gateway.getEnvironment().getRequiredProperty("local.server.port")));
            }
            cluster.awaitReady(settings.startupTimeout());
            return cluster;
        }
        catch (RuntimeException ex) {
            cluster.close();
            throw ex;
        }
    }

    List<Target> engines() {
        return engines.stream().map(engine -> Target.parse(engine.baseUri().toString())).toList();
    }

    List<Target> gateways() {
        return List.copyOf(gatewayTargets);
    }

    /** The run's Redis port, when it has one. */
    OptionalInt redisPort() {
        return redis == null ? OptionalInt.empty() : OptionalInt.of(redisPort);
    }

    /** Gateways first, so no request is routed to an engine that is already gone. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (ConfigurableApplicationContext gateway : gateways) {
            try {
                gateway.close();
            }
            catch (RuntimeException ex) {
                failure = record(failure, ex);
            }
        }
        gateways.clear();
        for (SimulatedEngine engine : engines) {
            try {
                engine.close();
            }
            catch (RuntimeException ex) {
                failure = record(failure, ex);
            }
        }
        engines.clear();
        if (redis != null) {
            try {
                redis.stop();
            }
            catch (IOException ex) {
                failure = record(failure, new UncheckedIOException("cannot stop the run's Redis", ex));
            }
            redis = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, Object> engineProperties(ClusterSettings settings, long seed, int index) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("simulator.profile", settings.profile());
        properties.put("simulator.num-gpu-blocks", settings.numGpuBlocks());
        properties.put("simulator.engine-index", index);
        properties.put("simulator.seed", seed);
        quietLogging(properties);
        properties.putAll(settings.engineProperties());
        return properties;
    }

    private static ConfigurableApplicationContext startGateway(ClusterSettings settings, List<URI> engines,
            Map<String, Object> shared) {
        Map<String, Object> properties = new LinkedHashMap<>(shared);
        properties.put("server.port", 0);
        properties.put("gateway.discovery.source", "static");
        properties.put("gateway.discovery.static.models[0].name", MODEL);
        properties.put("gateway.discovery.static.models[0].endpoints",
                String.join(",", engines.stream().map(URI::toString).toList()));
        // Nothing is in flight when a run's cluster closes; do not wait out the production drain period.
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        quietLogging(properties);
        properties.putAll(settings.gatewayProperties());
        SpringApplication application = GatewayApplication.application();
        application.setRegisterShutdownHook(false);
        // As command-line arguments they outrank gateway.yml, as on a real command line.
        return application.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    /** Persistence off: every run starts from an empty keyspace and leaves nothing behind. */
    private static RedisServer startRedis(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().bind(LOOPBACK).port(port).setting("save \"\"")
                    .setting("appendonly no").soutListener(line -> { }).serrListener(line -> { }).build();
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot start Redis on port " + port, ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no free port for Redis", ex);
        }
    }

    /** The logging system is shared by every context in the JVM; keep runs from flooding the console. */
    private static void quietLogging(Map<String, Object> properties) {
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.io.aibrix", "warn");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            for (Target gateway : gatewayTargets) {
                URI readiness = gateway.endpoint("/actuator/health/readiness");
                while (!answersOk(http, readiness)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("gateway " + gateway.baseUri() + " not ready after "
                                + timeout.toSeconds() + " s");
                    }
                    LockSupport.parkNanos(POLL.toNanos());
                }
            }
        }
        LockSupport.parkNanos(SETTLE.toNanos());
    }

    private static boolean answersOk(HttpClient http, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gateway", ex);
        }
    }

    private static RuntimeException record(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
