package io.aibrix.gateway.quota;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The quota meters:
 * <ul>
 * <li>{@code gateway.quotas.requests{outcome}}: requests with a limit that were {@code admitted}, {@code rejected},
 * or met a store failure and were admitted ({@code failed_open}) or refused ({@code failed_closed});</li>
 * <li>{@code gateway.quotas.rejections{limit}}: 429s by the limit that refused ({@code rpm}, {@code tpm},
 * {@code rps});</li>
 * <li>{@code gateway.quotas.store.errors{operation}}: failed {@code admit} and {@code adjust} calls to Redis;</li>
 * <li>{@code gateway.quotas.redis.connected}: 1 while the Redis connection is open (only with Redis).</li>
 * </ul>
 */
final class QuotaMeters {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    QuotaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String outcome) {
        counter("gateway.quotas.requests", "outcome", outcome, "Requests with a quota, by admission outcome")
                .increment();
    }

    void rejected(String limit) {
        counter("gateway.quotas.rejections", "limit", limit, "Requests refused with 429, by limit").increment();
    }

    void storeError(String operation) {
        counter("gateway.quotas.store.errors", "operation", operation, "Failed quota store calls").increment();
    }

    void connected(BooleanSupplier connected) {
        Gauge.builder("gateway.quotas.redis.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the quota store's Redis connection is open, else 0")
                .register(registry);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value, key -> Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(registry));
    }
}
