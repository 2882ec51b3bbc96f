package io.aibrix.gateway.auth;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * API-key authentication of inference requests ({@code gateway.auth.*}). Active only when {@code enabled} and a
 * {@code metadata-url} is set, so a local gateway without metadata-service needs no keys.
 *
 * @param enabled              false switches authentication off even with a metadata URL
 * @param metadataUrl          metadata-service root URL; unset or blank: no authentication
 * @param metadataToken        bearer token for metadata-service's {@code /internal/v1} (its internal or admin token)
 * @param cacheTtl             how long a resolved key is trusted; a revocation takes effect within this time
 * @param negativeCacheTtl     how long an unknown or revoked key is answered 401 without asking again
 * @param cacheMaxEntries      keys remembered at most (least recently used first out)
 * @param requestTimeout       a slower key lookup counts as metadata-service being unavailable
 * @param serveStaleOnOutage   while metadata-service is unavailable, keep admitting keys resolved before (with their
 *                             last limits) instead of answering 503; unknown keys get 503 either way
 */
@Validated
@ConfigurationProperties("gateway.auth")
record AuthProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String metadataUrl,
        @Nullable String metadataToken,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration cacheTtl,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration negativeCacheTtl,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int cacheMaxEntries,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration requestTimeout,
        @DefaultValue("false") boolean serveStaleOnOutage) {
}
