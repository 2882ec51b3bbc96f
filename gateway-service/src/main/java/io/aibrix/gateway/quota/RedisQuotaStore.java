package io.aibrix.gateway.quota;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.lang.Nullable;

/**
 * Window counts in Redis, shared by every gateway replica: each admission is one {@code EVALSHA} of a Lua script that
 * reads and adds atomically, so concurrent replicas never admit past a limit together. Keys are
 * {@code <prefix>:<scope>:<window index>} and expire two windows after their last write.
 *
 * <p>Lettuce, asynchronous API only. Commands are dispatched from a blocking-tolerant thread, because Lettuce's writer
 * lock can wait during a reconnection; answers arrive on the client's I/O thread. While Redis is unreachable commands
 * fail at once (no queueing); the connection is retried in the background with backoff.
 */
final class RedisQuotaStore implements QuotaStore {

    /**
     * KEYS: per charge its current and previous window key. ARGV: per charge the previous window's weight, the
     * amount, the limit and the key TTL in ms. Returns {admitted, previous1, current1, previous2, current2, ...}.
     */
    static final String ADMIT_SCRIPT = """
            local n = #KEYS / 2
            local counts = {}
            local admitted = 1
            for i = 1, n do
              local current = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
              local previous = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
              local base = (i - 1) * 4
              local estimate = previous * tonumber(ARGV[base + 1]) + current
              counts[2 * i] = previous
              counts[2 * i + 1] = current
              if estimate + tonumber(ARGV[base + 2]) > tonumber(ARGV[base + 3]) + 1e-9 then
                admitted = 0
              end
            end
            counts[1] = admitted
            if admitted == 1 then
              for i = 1, n do
                local base = (i - 1) * 4
                redis.call('INCRBY', KEYS[2 * i - 1], ARGV[base + 2])
                redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[base + 4])
              end
            end
            return counts
            """;

    /** KEYS: window keys; ARGV: the delta for each. Expired windows are not recreated; counts stay at least 0. */
    static final String ADJUST_SCRIPT = """
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 then
                if redis.call('INCRBY', KEYS[i], ARGV[i]) < 0 then
                  redis.call('SET', KEYS[i], 0, 'KEEPTTL')
                end
              end
            end
            return 0
            """;

    private static final String ADMIT_SHA = sha1(ADMIT_SCRIPT);
    private static final String ADJUST_SHA = sha1(ADJUST_SCRIPT);
    private static final Duration RECONNECT_MIN = Duration.ofMillis(100);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(5);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private final String keyPrefix;
    private final RedisURI uri;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final Consumer<Throwable> onAdjustFailure;
    private volatile @Nullable StatefulRedisConnection<String, String> connection;
    private volatile @Nullable Disposable connecting;

    /** @param onAdjustFailure told about a failed adjustment (admission failures go to the admitting caller) */
    RedisQuotaStore(String url, String keyPrefix, Duration timeout, Consumer<Throwable> onAdjustFailure) {
        this.keyPrefix = keyPrefix;
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout);
        this.timeout = timeout;
        this.onAdjustFailure = onAdjustFailure;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
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

    /** Starts connecting in the background (off the event loops: address resolution may block); returns at once. */
    void start() {
        connecting = Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, RECONNECT_MIN).maxBackoff(RECONNECT_MAX))
                .subscribe(opened -> connection = opened);
    }

    boolean connected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    @Override
    public Mono<Counts> admit(List<Charge> charges, long nowMillis) {
        int n = charges.size();
        String[] keys = new String[2 * n];
        String[] args = new String[4 * n];
        for (int i = 0; i < n; i++) {
            Charge charge = charges.get(i);
            SlidingWindow window = charge.window();
            long index = window.index(nowMillis);
            keys[2 * i] = key(charge.scope(), index);
            keys[2 * i + 1] = key(charge.scope(), index - 1);
            args[4 * i] = Double.toString(window.previousWeight(nowMillis));
            args[4 * i + 1] = Long.toString(charge.amount());
            args[4 * i + 2] = Long.toString(charge.limit());
            args[4 * i + 3] = Long.toString(2 * window.windowMillis() + 1000);
        }
        return Mono.fromCompletionStage(() -> eval(ADMIT_SCRIPT, ADMIT_SHA, keys, args))
                .subscribeOn(Schedulers.boundedElastic())
                .map(reply -> counts(reply, n));
    }

    @Override
    public void adjust(List<Adjustment> adjustments) {
        if (adjustments.isEmpty()) {
            return;
        }
        String[] keys = new String[adjustments.size()];
        String[] deltas = new String[adjustments.size()];
        for (int i = 0; i < keys.length; i++) {
            Adjustment adjustment = adjustments.get(i);
            keys[i] = key(adjustment.scope(), adjustment.windowIndex());
            deltas[i] = Long.toString(adjustment.delta());
        }
        Mono.fromCompletionStage(() -> eval(ADJUST_SCRIPT, ADJUST_SHA, keys, deltas))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(reply -> { }, onAdjustFailure);
    }

    /** EVALSHA, and EVAL (which also caches the script) when Redis does not know the script yet. */
    private CompletionStage<List<Object>> eval(String script, String sha, String[] keys,
            String[] args) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("not connected to Redis at " + address()));
        }
        RedisAsyncCommands<String, String> commands = current.async();
        RedisFuture<List<Object>> first = commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return first.<CompletionStage<List<Object>>>handle((reply, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(reply);
            }
            if (error instanceof RedisNoScriptException || error.getCause() instanceof RedisNoScriptException) {
                return commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args);
            }
            return CompletableFuture.<List<Object>>failedFuture(error);
        }).thenCompose(stage -> stage);
    }

    private static Counts counts(List<Object> reply, int n) {
        if (reply.size() != 2 * n + 1) {
            throw new IllegalStateException("unexpected quota script reply " + reply);
        }
        long[] previous = new long[n];
        long[] current = new long[n];
        for (int i = 0; i < n; i++) {
            previous[i] = ((Number) reply.get(1 + 2 * i)).longValue();
            current[i] = ((Number) reply.get(2 + 2 * i)).longValue();
        }
        return new Counts(((Number) reply.get(0)).longValue() == 1, previous, current);
    }

    String key(String scope, long windowIndex) {
        return keyPrefix + ":" + scope + ":" + windowIndex;
    }

    String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        Disposable pending = connecting;
        if (pending != null) {
            pending.dispose();
        }
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, timeout);
        resources.shutdown(QUIET_PERIOD.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeout.toMillis() + QUIET_PERIOD.toMillis());
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
