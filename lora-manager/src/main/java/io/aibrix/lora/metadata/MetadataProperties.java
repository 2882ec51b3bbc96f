package io.aibrix.lora.metadata;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lora.metadata.*}: where metadata-service is.
 *
 * @param baseUrl        its base URL
 * @param adminToken     bearer token for {@code /admin/v1}; blank when the service runs without token checks
 * @param requestTimeout time for one call
 */
@ConfigurationProperties("lora.metadata")
@Validated
public record MetadataProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8090") URI baseUrl,
        @Nullable String adminToken,
        @NotNull @DefaultValue("10s") Duration requestTimeout) {

    public MetadataProperties {
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
    }
}
