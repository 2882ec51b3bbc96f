package io.aibrix.gateway.proxy;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway forwards inference requests.
 *
 * @param defaultRoutingStrategy strategy (or weighted combination) used when a request has no {@code routing-strategy}
 *                               header; must name registered strategies, checked at startup
 * @param maxBodySize            largest accepted request body; larger bodies get 413
 * @param requestTimeout         end-to-end limit per request, from arrival to the last byte of the response
 * @param maxRetries             extra attempts on another engine after a connect failure or a 5xx before the first
 *                               response byte
 * @param errorBodyLimit         how much of an upstream error body is read to normalise it into the OpenAI envelope
 */
@Validated
@ConfigurationProperties("gateway.proxy")
record ProxyProperties(
        @NotBlank @DefaultValue("least-request") String defaultRoutingStrategy,
        @NotNull @DefaultValue("16MB") DataSize maxBodySize,
        @NotNull @DefaultValue("120s") Duration requestTimeout,
        @Min(0) @Max(5) @DefaultValue("1") int maxRetries,
        @NotNull @DefaultValue("64KB") DataSize errorBodyLimit) {

    ProxyProperties {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("gateway.proxy.request-timeout must be positive, got " + requestTimeout);
        }
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("gateway.proxy.max-body-size must be in 1B..2GB, got " + maxBodySize);
        }
    }
}
