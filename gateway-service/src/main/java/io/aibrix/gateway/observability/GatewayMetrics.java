package io.aibrix.gateway.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's request-level meters, one set per model. Meters are cached so the hot path does a map lookup, not a
 * registry lookup. Callers pass a served model name (or {@link #UNKNOWN_MODEL}) so clients cannot explode cardinality.
 */
public final class GatewayMetrics {

    /** Model tag for requests that never named a served model (malformed body, unknown model). */
    public static final String UNKNOWN_MODEL = "unknown";

    private final MeterRegistry registry;
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one finished request.
     *
     * @param status           HTTP status the client got (499 when it went away first)
     * @param outcome          how it ended: success, rejected, upstream_error, interrupted, cancelled, timeout, shutdown
     * @param e2eNanos         arrival to last byte
     * @param ttftNanos        arrival to the first streamed byte, or -1 when not a stream or nothing was streamed
     * @param completionTokens from the response's usage, or -1 when unknown
     */
    public void requestFinished(String model, int status, String outcome, long e2eNanos, long ttftNanos,
            int promptTokens, int completionTokens) {
        ModelMeters meters = meters(model);
        meters.requests(status, outcome).increment();
        meters.e2e.record(e2eNanos, TimeUnit.NANOSECONDS);
        if (ttftNanos >= 0) {
            meters.ttft.record(ttftNanos, TimeUnit.NANOSECONDS);
            if (completionTokens > 1) {
                meters.tpot.record((e2eNanos - ttftNanos) / (completionTokens - 1), TimeUnit.NANOSECONDS);
            }
        }
        if (promptTokens > 0) {
            meters.promptTokens.increment(promptTokens);
        }
        if (completionTokens > 0) {
            meters.completionTokens.increment(completionTokens);
        }
    }

    /** One more attempt on another engine. */
    public void retried(String model, String reason) {
        meters(model).retries(reason).increment();
    }

    private ModelMeters meters(String model) {
        return byModel.computeIfAbsent(model, m -> new ModelMeters(registry, m));
    }

    private static final class ModelMeters {

        private final MeterRegistry registry;
        private final String model;
        private final Timer e2e;
        private final Timer ttft;
        private final Timer tpot;
        private final Counter promptTokens;
        private final Counter completionTokens;
        private final Map<String, Counter> requests = new ConcurrentHashMap<>();
        private final Map<String, Counter> retries = new ConcurrentHashMap<>();

        ModelMeters(MeterRegistry registry, String model) {
            this.registry = registry;
            this.model = model;
            this.e2e = latency("gateway.request.duration", "Arrival to last response byte", Duration.ofMinutes(10));
            this.ttft = latency("gateway.time.to.first.token", "Arrival to the first streamed byte",
                    Duration.ofMinutes(2));
            this.tpot = latency("gateway.time.per.output.token", "Streaming time after the first token per further"
                    + " token", Duration.ofSeconds(10));
            this.promptTokens = Counter.builder("gateway.prompt.tokens").description("Prompt tokens reported in usage")
                    .tag("model", model).register(registry);
            this.completionTokens = Counter.builder("gateway.completion.tokens")
                    .description("Completion tokens reported in usage").tag("model", model).register(registry);
        }

        private Timer latency(String name, String description, Duration max) {
            return Timer.builder(name).description(description).tag("model", model)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(max)
                    .register(registry);
        }

        Counter requests(int status, String outcome) {
            String key = status + outcome;
            Counter counter = requests.get(key);
            if (counter == null) {
                counter = requests.computeIfAbsent(key, k -> Counter.builder("gateway.requests")
                        .description("Inference requests by model, final HTTP status and outcome")
                        .tag("model", model).tag("status", Integer.toString(status)).tag("outcome", outcome)
                        .register(registry));
            }
            return counter;
        }

        Counter retries(String reason) {
            return retries.computeIfAbsent(reason, r -> Counter.builder("gateway.retries")
                    .description("Requests retried on another engine, by reason")
                    .tag("model", model).tag("reason", r).register(registry));
        }
    }
}
