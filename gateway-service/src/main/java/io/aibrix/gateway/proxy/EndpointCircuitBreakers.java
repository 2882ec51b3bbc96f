package io.aibrix.gateway.proxy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.aibrix.gateway.endpoint.Endpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per engine address. Routing skips engines whose breaker is open; after the wait the
 * breaker half-opens on its own and the next requests routed there are the probes that close it again.
 *
 * <p>Every permission taken with {@link #tryAcquire} must be answered by exactly one {@link #onSuccess} or
 * {@link #onFailure}; a later failure of an already-successful call (a stream that breaks mid-way) is recorded as one
 * more failed call.
 */
final class EndpointCircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(EndpointCircuitBreakers.class);

    private final boolean enabled;
    private final CircuitBreakerConfig config;
    private final MeterRegistry meters;
    private final Map<String, Entry> breakers = new ConcurrentHashMap<>();

    EndpointCircuitBreakers(CircuitBreakerProperties properties, MeterRegistry meters) {
        this.enabled = properties.enabled();
        this.meters = meters;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(Throwable.class)
                .build();
    }

    /** Whether routing may consider the engine now (its breaker is not open). Takes no permission. */
    boolean admits(Endpoint endpoint) {
        if (!enabled) {
            return true;
        }
        Entry entry = breakers.get(endpoint.address());
        return entry == null || entry.breaker.getState() != CircuitBreaker.State.OPEN
                && entry.breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Takes a call permission; false when the breaker refuses (open, or half-open with its probes used up). */
    boolean tryAcquire(Endpoint endpoint) {
        return !enabled || entry(endpoint).breaker.tryAcquirePermission();
    }

    void onSuccess(Endpoint endpoint, long durationNanos) {
        if (enabled) {
            entry(endpoint).breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    void onFailure(Endpoint endpoint, long durationNanos, Throwable cause) {
        if (enabled) {
            entry(endpoint).breaker.onError(durationNanos, TimeUnit.NANOSECONDS, cause);
        }
    }

    /** Returns a permission for a call that ended before it could succeed or fail (cancelled, timed out). */
    void release(Endpoint endpoint) {
        if (enabled) {
            entry(endpoint).breaker.releasePermission();
        }
    }

    /** The breaker state for an engine, {@code CLOSED} for one never called. */
    CircuitBreaker.State state(Endpoint endpoint) {
        Entry entry = breakers.get(endpoint.address());
        return entry == null ? CircuitBreaker.State.CLOSED : entry.breaker.getState();
    }

    /** Drops breakers (and their gauges) of engines that are no longer discovered. */
    void retain(Collection<Endpoint> endpoints) {
        Set<String> live = endpoints.stream().map(Endpoint::address).collect(Collectors.toSet());
        breakers.entrySet().removeIf(e -> {
            if (live.contains(e.getKey())) {
                return false;
            }
            e.getValue().gauges.forEach(meters::remove);
            return true;
        });
    }

    private Entry entry(Endpoint endpoint) {
        return breakers.computeIfAbsent(endpoint.address(), address -> create(endpoint));
    }

    private Entry create(Endpoint endpoint) {
        CircuitBreaker breaker = CircuitBreaker.of(endpoint.address(), config);
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker for engine {} ({}): {}",
                endpoint.address(), endpoint.name(), event.getStateTransition()));
        List<Gauge> gauges = List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN).stream()
                .map(state -> Gauge.builder("gateway.circuit.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                        .description("1 for the state the engine's circuit breaker is in, 0 for the others")
                        .tag("endpoint", endpoint.address())
                        .tag("pod", endpoint.name())
                        .tag("state", state.name().toLowerCase(Locale.ROOT))
                        .register(meters))
                .toList();
        return new Entry(breaker, gauges);
    }

    private record Entry(CircuitBreaker breaker, List<Gauge> gauges) {
    }
}
