package io.aibrix.gateway.quota;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Quotas ({@code gateway.quotas.*}). User limits come with the caller's API key (so they apply only with
 * authentication on); model limits are configured here.
 *
 * @param enabled          false: no quota is enforced
 * @param redisUrl         Redis shared by the replicas; unset: {@code gateway.replicas.redis-url}; neither: counts
 *                         are kept in this replica's memory
 * @param keyPrefix        prefix of the Redis keys; one deployment's replicas share it
 * @param modelRps         requests per second admitted per model (or adapter) name, across all users
 * @param defaultMaxTokens completion tokens reserved for a request without {@code max_tokens}
 * @param failOpen         when Redis cannot answer: true admits the request (counted and logged), false answers 503
 * @param commandTimeout   Redis connect and command timeout; an admission waits at most this long
 */
@Validated
@ConfigurationProperties("gateway.quotas")
record QuotaProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String redisUrl,
        @NotBlank @DefaultValue("aibrix:quota") String keyPrefix,
        @NotNull @DefaultValue Map<String, Long> modelRps,
        @Min(0) @DefaultValue("256") int defaultMaxTokens,
        @DefaultValue("true") boolean failOpen,
        @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration commandTimeout) {

    QuotaProperties {
        modelRps = Map.copyOf(modelRps);
        modelRps.forEach((model, rps) -> {
            if (rps == null || rps < 0) {
                throw new IllegalArgumentException("gateway.quotas.model-rps." + model + " must be >= 0, got " + rps);
            }
        });
    }
}
