package io.aibrix.lora.discovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lora.discovery.*}: where the engines come from.
 *
 * @param source     {@code registry} (metadata-service's engine registry) or {@code kubernetes} (pods)
 * @param kubernetes the pod source's settings
 */
@ConfigurationProperties("lora.discovery")
@Validated
public record DiscoveryProperties(
        @NotNull @Pattern(regexp = "registry|kubernetes", message = "must be registry or kubernetes")
        @DefaultValue("registry") String source,
        @Valid @NotNull @DefaultValue Kubernetes kubernetes) {

    /** @param namespace where to look for engine pods; blank = all namespaces */
    public record Kubernetes(@NotNull @DefaultValue("") String namespace) {
    }
}
