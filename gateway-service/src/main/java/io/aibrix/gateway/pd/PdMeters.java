package io.aibrix.gateway.pd;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code pd} meters, cached so the request path does a map lookup, not a registry lookup. Tags are served model
 * names, engine (pod) names and fixed vocabularies, so their cardinality is bounded by the fleet.
 * <ul>
 * <li>{@code gateway.pd.requests{model,mode}}: pd requests by how they were served ({@link PdMode#tag()})</li>
 * <li>{@code gateway.pd.prefill.duration{model,outcome}}: prefill calls, sent to whole response; outcome
 * {@code success} or {@code failure}</li>
 * <li>{@code gateway.pd.prefill.fallbacks{model,reason}}: requests served without disaggregation although a P/D pair
 * exists; reason {@code connect}, {@code connection_closed}, {@code timeout}, {@code status_4xx}, {@code status_5xx},
 * {@code missing_params}, {@code circuit_open} or {@code error}</li>
 * <li>{@code gateway.pd.pairs{prefill,decode}}: successful disaggregated requests per (prefill, decode) engine pair</li>
 * </ul>
 */
final class PdMeters {

    private final MeterRegistry registry;

    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    private final Map<String, Counter> pairs = new ConcurrentHashMap<>();

    PdMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(String model, PdMode mode) {
        requests.computeIfAbsent(model + '\n' + mode.tag(), key -> Counter.builder("gateway.pd.requests")
            .description("Requests routed with pd, by how they were served")
            .tag("model", model)
            .tag("mode", mode.tag())
            .register(registry)).increment();
    }

    void prefilled(String model, boolean success, long nanos) {
        String outcome = success ? "success" : "failure";
        durations.computeIfAbsent(model + '\n' + outcome, key -> Timer.builder("gateway.pd.prefill.duration")
            .description("Prefill calls of disaggregated requests, from sending to the whole response")
            .tag("model", model)
            .tag("outcome", outcome)
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void fellBack(String model, String reason) {
        fallbacks.computeIfAbsent(model + '\n' + reason, key -> Counter.builder("gateway.pd.prefill.fallbacks")
            .description("pd requests a decode engine served whole because the prefill failed or was not possible")
            .tag("model", model)
            .tag("reason", reason)
            .register(registry)).increment();
    }

    void paired(String prefill, String decode) {
        pairs.computeIfAbsent(prefill + '\n' + decode, key -> Counter.builder("gateway.pd.pairs")
            .description("Disaggregated requests answered successfully, per prefill and decode engine")
            .tag("prefill", prefill)
            .tag("decode", decode)
            .register(registry)).increment();
    }
}
