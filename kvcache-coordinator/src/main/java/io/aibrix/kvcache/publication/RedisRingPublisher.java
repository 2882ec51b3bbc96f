package io.aibrix.kvcache.publication;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.kvcache.membership.RingListener;
import io.aibrix.kvcache.ring.Ring;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Writes each cluster's AIBrix ring document to its Redis key on every ring change, and all of them again every
 * {@code republish-interval}. Writes happen on one thread in change order, so Redis never ends on an older version;
 * a failed write is logged once per outage and repeated by the next change or republish. A cluster that never had a
 * member is not written, so an existing document survives the coordinator's start.
 */
final class RedisRingPublisher implements RingListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisRingPublisher.class);

    private final ClusterRegistry registry;

    private final Map<String, String> keys;

    private final ObjectMapper mapper;

    private final RedisClient client;

    private final Duration republishInterval;

    /** Documents not yet written, by cluster; guarded by this. */
    private final Map<String, String> pending = new LinkedHashMap<>();

    private volatile @Nullable ScheduledExecutorService executor;

    private @Nullable StatefulRedisConnection<String, String> connection;

    private boolean healthy = true;

    RedisRingPublisher(ClusterRegistry registry, Map<String, String> keys, ObjectMapper mapper, String url,
            Duration timeout, Duration republishInterval) {
        this.registry = registry;
        this.keys = Map.copyOf(keys);
        this.mapper = mapper;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.republishInterval = republishInterval;
    }

    @Override
    public void ringChanged(String cluster, Ring ring) {
        String document = document(cluster, ring);
        synchronized (this) {
            pending.put(cluster, document);
        }
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.execute(this::flush);
        }
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("redis-ring-publisher").factory());
        executor = started;
        started.scheduleWithFixedDelay(this::republish, 0, republishInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void republish() {
        for (String cluster : registry.clusterNames()) {
            Ring ring = registry.ring(cluster);
            if (ring.version() > 0) {
                synchronized (this) {
                    pending.putIfAbsent(cluster, document(cluster, ring));
                }
            }
        }
        flush();
    }

    /** Runs on the publisher thread only. */
    private void flush() {
        Map<String, String> batch;
        synchronized (this) {
            batch = new LinkedHashMap<>(pending);
        }
        try {
            if (connection == null || !connection.isOpen()) {
                connection = client.connect();
            }
            for (Map.Entry<String, String> entry : batch.entrySet()) {
                connection.sync().set(keys.get(entry.getKey()), entry.getValue());
                synchronized (this) {
                    pending.remove(entry.getKey(), entry.getValue());
                }
            }
            if (!healthy) {
                healthy = true;
                log.info("Redis reachable again; ring documents written");
            }
        }
        catch (RuntimeException e) {
            if (healthy) {
                healthy = false;
                log.warn("Writing ring documents to Redis failed ({}); retrying on the next change or republish",
                        e.toString());
            }
        }
    }

    private String document(String cluster, Ring ring) {
        try {
            return mapper.writeValueAsString(RingDocument.of(cluster, ring).aibrix());
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Ring document not serializable", e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
