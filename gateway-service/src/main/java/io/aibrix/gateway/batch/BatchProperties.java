package io.aibrix.gateway.batch;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Files and Batches API goes ({@code gateway.batch.*}).
 *
 * @param url             batch-service root URL (scheme, host and port); unset: {@code /v1/files} and
 *                        {@code /v1/batches} answer 404
 * @param ownerHeader     the header batch-service reads the owner from (its {@code batch.owner.header}); with API keys
 *                        on, set to the key's user and never taken from the client
 * @param connectTimeout  TCP connect timeout to batch-service
 * @param responseTimeout longest wait from the start of forwarding to batch-service's response headers, so it covers
 *                        sending the whole upload; a download's body has no limit beyond Reactor Netty's idle read
 *                        timeout of the same length
 */
@Validated
@ConfigurationProperties("gateway.batch")
record BatchProperties(
        @Nullable URI url,
        @NotNull @Pattern(regexp = "[A-Za-z0-9!#$%&'*+.^_`|~-]+") @DefaultValue("x-aibrix-user") String ownerHeader,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10m") Duration responseTimeout) {

    BatchProperties {
        if (url != null && (url.getScheme() == null || url.getHost() == null
                || !url.getScheme().matches("https?") || url.getPath() != null && url.getPath().length() > 1)) {
            // Spring Cloud Gateway keeps only the scheme, host and port of a route URI.
            throw new IllegalArgumentException("gateway.batch.url must be an http(s) URL without a path, got " + url);
        }
    }

    boolean configured() {
        return url != null;
    }
}
