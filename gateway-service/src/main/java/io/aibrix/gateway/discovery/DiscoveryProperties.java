package io.aibrix.gateway.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.discovery.*}: which {@link io.aibrix.gateway.endpoint.EndpointSource} is active and how each one is
 * configured. Only the active source's section is checked beyond its basic shape, so an unused section never fails
 * startup.
 *
 * @param source       {@code static}, {@code metadata} or {@code kubernetes}
 * @param staticSource {@code gateway.discovery.static.*}
 * @param metadata     {@code gateway.discovery.metadata.*}
 * @param kubernetes   {@code gateway.discovery.kubernetes.*}
 */
@ConfigurationProperties("gateway.discovery")
@Validated
record DiscoveryProperties(
        @DefaultValue(StaticEndpointSource.NAME) String source,
        @Name("static") @DefaultValue @Valid StaticSource staticSource,
        @DefaultValue @Valid MetadataSource metadata,
        @DefaultValue @Valid KubernetesSource kubernetes) {

    static final List<String> SOURCES =
            List.of(StaticEndpointSource.NAME, MetadataEndpointSource.NAME, KubernetesEndpointSource.NAME);

    DiscoveryProperties {
        String normalized = source.trim().toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(normalized)) {
            throw new IllegalArgumentException("gateway.discovery.source '" + source + "' is not one of "
                    + String.join(", ", SOURCES));
        }
        source = normalized;
    }

    /** @param models the models and their engines; validated by {@link StaticModels} when this source is active */
    record StaticSource(@Nullable List<StaticModel> models) {

        StaticSource {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /**
     * One model of the static configuration. Addresses are {@code host:port} or {@code http://host:port}.
     *
     * @param name        the model name clients send in {@code "model"}
     * @param endpoints   engines that do both prefill and decode (role {@code null})
     * @param prefill     engines with role {@code prefill}
     * @param decode      engines with role {@code decode}
     * @param metricsPort port of {@code /metrics} on every engine of this model; {@code null} = the serving port
     */
    record StaticModel(
            @Nullable String name,
            @Nullable List<String> endpoints,
            @Nullable List<String> prefill,
            @Nullable List<String> decode,
            @Nullable Integer metricsPort) {

        StaticModel {
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
            prefill = prefill == null ? List.of() : List.copyOf(prefill);
            decode = decode == null ? List.of() : List.copyOf(decode);
        }
    }

    /**
     * @param baseUrl        metadata-service root, e.g. {@code http://metadata-service:8090}; required for this source
     * @param pollInterval   time between two polls of {@code GET {base-url}/v1/registry/endpoints}
     * @param requestTimeout a poll that has not fully answered within this time counts as failed
     */
    record MetadataSource(
            @Nullable URI baseUrl,
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("1s") Duration requestTimeout) {

        MetadataSource {
            requirePositive(pollInterval, "gateway.discovery.metadata.poll-interval");
            requirePositive(requestTimeout, "gateway.discovery.metadata.request-timeout");
        }
    }

    /**
     * @param namespace      namespace whose pods are watched; blank = all namespaces
     * @param coalesceWindow informer events within this window produce one snapshot; zero = one snapshot per event
     */
    record KubernetesSource(
            @DefaultValue("") String namespace,
            @DefaultValue("100ms") Duration coalesceWindow) {

        KubernetesSource {
            namespace = namespace.trim();
            if (coalesceWindow.isNegative()) {
                throw new IllegalArgumentException(
                        "gateway.discovery.kubernetes.coalesce-window must not be negative, got " + coalesceWindow);
            }
        }
    }

    private static void requirePositive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }
}
