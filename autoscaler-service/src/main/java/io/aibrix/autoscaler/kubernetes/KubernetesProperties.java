package io.aibrix.autoscaler.kubernetes;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code autoscaler.kubernetes.*}: the Kubernetes mode.
 *
 * @param namespace      watch PodAutoscalers in this namespace only; blank = every namespace
 * @param defaultPodPort the port scraped on a pod without a {@code model.aibrix.ai/port} label or a source port
 */
@ConfigurationProperties("autoscaler.kubernetes")
@Validated
public record KubernetesProperties(
        @DefaultValue("") String namespace,
        @DefaultValue("8000") @Min(1) @Max(65535) int defaultPodPort) {
}
