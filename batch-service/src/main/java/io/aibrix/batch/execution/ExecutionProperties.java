package io.aibrix.batch.execution;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * How the lines of a batch are sent ({@code batch.execution.*}).
 *
 * @param targets        base URLs the requests go to, round-robin: the gateway in production, engines in tests
 * @param connectTimeout TCP connect timeout per request
 * @param requestTimeout time for a whole response; a timeout counts as a retryable overload
 * @param apiKey         sent as {@code Authorization: Bearer} with every line, for a gateway that requires API keys;
 *                       null or blank: no header
 * @param concurrency    the adaptive (AIMD) limit of requests in flight per batch
 * @param retry          retries of 408, 429, 5xx and transport errors
 */
@ConfigurationProperties("batch.execution")
@Validated
record ExecutionProperties(
        @NotEmpty @DefaultValue("http://localhost:8888") List<URI> targets,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("10m") Duration requestTimeout,
        @Nullable String apiKey,
        @Valid @NotNull @DefaultValue Concurrency concurrency,
        @Valid @NotNull @DefaultValue Retry retry) {

    @Override
    public String toString() {
        return "ExecutionProperties[targets=" + targets + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "(set)")
                + ", concurrency=" + concurrency + ", retry=" + retry + "]";
    }

    /**
     * @param initial          requests in flight per batch at its start
     * @param min              the floor of decreases
     * @param max              the ceiling of increases
     * @param healthyWindow    healthy responses per additive increase
     * @param additiveIncrease the step of an increase
     * @param overloadFactor   multiplier on 408/429/5xx/timeouts/transport errors
     * @param slowFactor       multiplier on a response slower than {@code latencyBound}
     * @param latencyBound     a success slower than this is a sign of overload
     * @param decreaseCooldown the least time between two decreases, so one burst of failures is one decrease
     * @param slowStart        until the first sign of overload, raise the limit on every healthy response (doubling
     *                         it per round trip) instead of once per healthy window
     */
    record Concurrency(
            @Min(1) @DefaultValue("8") int initial,
            @Min(1) @DefaultValue("1") int min,
            @Min(1) @Max(4096) @DefaultValue("64") int max,
            @Min(1) @DefaultValue("8") int healthyWindow,
            @Min(1) @DefaultValue("1") int additiveIncrease,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
            @DefaultValue("0.9") double overloadFactor,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
            @DefaultValue("0.8") double slowFactor,
            @NotNull @DefaultValue("120s") Duration latencyBound,
            @NotNull @DefaultValue("1s") Duration decreaseCooldown,
            @DefaultValue("true") boolean slowStart) {

        AimdController.Settings settings() {
            return new AimdController.Settings(initial, min, max, healthyWindow, additiveIncrease, overloadFactor,
                    slowFactor, latencyBound, decreaseCooldown, slowStart);
        }
    }

    /**
     * @param maxRetries retries per line after its first attempt
     * @param baseDelay  backoff before the first retry, doubled for each further one
     * @param maxDelay   the cap of the backoff and of an honoured {@code Retry-After}
     */
    record Retry(
            @Min(0) @Max(100) @DefaultValue("5") int maxRetries,
            @NotNull @DefaultValue("500ms") Duration baseDelay,
            @NotNull @DefaultValue("5s") Duration maxDelay) {
    }
}
