package io.aibrix.gateway.routing.prefix;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Preble's rule and cost model ({@code gateway.routing.prefix-cache-preble.*}); hashing, index and load guard come
 * from {@code gateway.routing.prefix-cache.*}. The time defaults model Llama-3-8B on an A100 (the simulator's
 * {@code llama3-8b-a100} profile).
 *
 * @param matchThreshold      share of the prompt a pod must hold for the "long shared prefix" branch (strictly above)
 * @param window              how far back routed work counts as a pod's load
 * @param prefillTimePerToken GPU time to prefill one uncached prompt token
 * @param decodeTimePerToken  GPU time one sequence adds per generated token at a few thousand tokens of context
 * @param defaultOutputTokens tokens a request without {@code max_tokens} is assumed to generate
 */
@Validated
@ConfigurationProperties("gateway.routing.prefix-cache-preble")
record PrebleProperties(
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double matchThreshold,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration window,
        @NotNull @DurationMin(nanos = 1) @DefaultValue("48us") Duration prefillTimePerToken,
        @NotNull @DurationMin(nanos = 1) @DefaultValue("250us") Duration decodeTimePerToken,
        @Min(0) @DefaultValue("45") int defaultOutputTokens) {
}
