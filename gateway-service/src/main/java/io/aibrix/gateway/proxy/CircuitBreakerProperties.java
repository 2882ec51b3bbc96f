package io.aibrix.gateway.proxy;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-engine circuit breakers: an engine whose recent calls mostly fail (connect errors, 5xx, broken streams) stops
 * receiving traffic for {@code waitInOpenState}, then gets {@code permittedCallsInHalfOpenState} trial requests.
 *
 * @param enabled                      whether breakers gate routing at all
 * @param failureRateThreshold         percentage of failed calls in the window that opens the breaker
 * @param slidingWindowSize            number of most recent calls the failure rate is computed over
 * @param minimumNumberOfCalls         calls needed in the window before the rate is evaluated
 * @param waitInOpenState              how long an open breaker keeps the engine out
 * @param permittedCallsInHalfOpenState trial requests let through after the wait; all must succeed to close
 */
@Validated
@ConfigurationProperties("gateway.circuit-breaker")
record CircuitBreakerProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
        @Min(1) @DefaultValue("20") int slidingWindowSize,
        @Min(1) @DefaultValue("5") int minimumNumberOfCalls,
        @NotNull @DefaultValue("10s") Duration waitInOpenState,
        @Min(1) @DefaultValue("2") int permittedCallsInHalfOpenState) {
}
