package io.aibrix.gateway.replicas;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.lang.Nullable;

/**
 * The replica's two Redis connections (Lettuce, asynchronous API only): one subscribed to the sharing channels, one to
 * publish on (a subscribed connection cannot publish). Redis being down is never an error to clients: connecting is
 * retried with backoff (first attempt at {@link #start}, so a replica starts without Redis), a dropped connection is
 * re-established and re-subscribed by Lettuce, and a publish while disconnected fails at once instead of queueing.
 * The outage is logged once, counted every time, and its end logged once.
 */
final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Duration RECONNECT_MIN = Duration.ofMillis(100);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(5);
    /** Publishes awaiting Redis's answer beyond which new ones are skipped: a hung Redis must not pile them up. */
    private static final int MAX_OUTSTANDING = 16;
    /** Lets the client's last callbacks run before its threads stop (else Netty logs rejected notifications). */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private final RedisURI uri;
    private final Duration timeout;
    private final String[] channels;
    private final BiConsumer<String, byte[]> onMessage;
    private final ReplicaMeters meters;
    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Disposable.Composite connecting = Disposables.composite();
    private volatile @Nullable StatefulRedisConnection<String, byte[]> publisher;
    private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> subscriber;

    /** @param onMessage gets every message on {@code channels}, on the Redis client's I/O thread */
    RedisLink(String url, Duration timeout, List<String> channels, BiConsumer<String, byte[]> onMessage,
            ReplicaMeters meters) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout);
        this.timeout = timeout;
        this.channels = channels.toArray(String[]::new);
        this.onMessage = onMessage;
        this.meters = meters;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(() -> Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
    }

    /** Starts connecting both connections in the background; returns at once. */
    void start() {
        connecting.add(retrying(Mono.fromCompletionStage(() -> client.connectAsync(CODEC, uri)))
                .subscribe(connection -> {
                    publisher = connection;
                    recovered();
                }));
        connecting.add(retrying(Mono.fromCompletionStage(() -> client.connectPubSubAsync(CODEC, uri))
                .flatMap(this::subscribe))
                .subscribe(connection -> subscriber = connection));
    }

    /** Whether both connections are open. */
    boolean connected() {
        StatefulRedisConnection<String, byte[]> pub = publisher;
        StatefulRedisPubSubConnection<String, byte[]> sub = subscriber;
        return pub != null && pub.isOpen() && sub != null && sub.isOpen();
    }

    /**
     * Publishes without waiting; {@code done} gets true once Redis took the message, false when it was not sent or
     * failed. Never throws.
     */
    void publish(String channel, byte[] message, Consumer<Boolean> done) {
        StatefulRedisConnection<String, byte[]> connection = publisher;
        if (connection == null) {
            done.accept(false);
            return;
        }
        if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
            outstanding.decrementAndGet();
            failed("publish", "too many publishes outstanding");
            done.accept(false);
            return;
        }
        try {
            connection.async().publish(channel, message).whenComplete((receivers, error) -> {
                outstanding.decrementAndGet();
                if (error == null) {
                    recovered();
                }
                else {
                    failed("publish", error.toString());
                }
                done.accept(error == null);
            });
        }
        catch (RuntimeException e) {
            outstanding.decrementAndGet();
            failed("publish", e.toString());
            done.accept(false);
        }
    }

    private Mono<StatefulRedisPubSubConnection<String, byte[]>> subscribe(
            StatefulRedisPubSubConnection<String, byte[]> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {

            @Override
            public void message(String channel, byte[] message) {
                onMessage.accept(channel, message);
            }
        });
        return Mono.fromCompletionStage(connection.async().subscribe(channels))
                .thenReturn(connection)
                .onErrorResume(error -> {
                    connection.closeAsync();
                    return Mono.error(error);
                });
    }

    /** Connects off the event loops (address resolution may block) and retries with backoff until closed. */
    private <T> Mono<T> retrying(Mono<T> connect) {
        return connect.subscribeOn(Schedulers.boundedElastic())
                .doOnError(error -> failed("connect", error.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, RECONNECT_MIN).maxBackoff(RECONNECT_MAX));
    }

    private void failed(String operation, String reason) {
        meters.redisError(operation);
        if (healthy.compareAndSet(true, false)) {
            log.warn("Redis at {} unreachable ({}); this gateway replica routes on its own state until it is back",
                    address(), reason);
        }
        else {
            log.debug("Redis {} failed: {}", operation, reason);
        }
    }

    private void recovered() {
        if (healthy.compareAndSet(false, true)) {
            log.info("Redis at {} reachable again; sharing routing state with the other gateway replicas", address());
        }
    }

    String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Stops connecting, closes both connections (which also stops their reconnection) and then the client's threads;
     * waits at most a few timeouts. Called on the thread closing the application context.
     */
    @Override
    public void close() {
        connecting.dispose();
        closeQuietly(subscriber);
        closeQuietly(publisher);
        client.shutdown(Duration.ZERO, timeout);
        resources.shutdown(QUIET_PERIOD.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeout.toMillis() + QUIET_PERIOD.toMillis());
    }

    private static void closeQuietly(@Nullable StatefulConnection<String, byte[]> connection) {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (RuntimeException e) {
                log.debug("Closing a Redis connection failed", e);
            }
        }
    }
}
