package io.aibrix.gateway.discovery;

import java.net.URI;
import java.time.Clock;

import io.aibrix.gateway.discovery.DiscoveryProperties.KubernetesSource;
import io.aibrix.gateway.discovery.DiscoveryProperties.MetadataSource;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the one {@link EndpointSource} that {@code gateway.discovery.source} names. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    /** Closed with the context (inferred {@code close()}), which ends its snapshot stream. */
    @Bean
    EndpointSource endpointSource(DiscoveryProperties properties, ObjectProvider<KubernetesClient> kubernetesClients,
            ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        return switch (properties.source()) {
            case StaticEndpointSource.NAME ->
                new StaticEndpointSource(StaticModels.snapshot(properties.staticSource().models()));
            case MetadataEndpointSource.NAME -> metadata(properties.metadata(), clock);
            case KubernetesEndpointSource.NAME -> kubernetes(properties.kubernetes(), kubernetesClients, clock);
            default -> throw new IllegalStateException("Unhandled gateway.discovery.source " + properties.source());
        };
    }

    private static MetadataEndpointSource metadata(MetadataSource metadata, Clock clock) {
        URI baseUrl = metadata.baseUrl();
        if (baseUrl == null) {
            throw new IllegalArgumentException(
                    "gateway.discovery.metadata.base-url must be set when gateway.discovery.source=metadata");
        }
        return new MetadataEndpointSource(baseUrl, metadata.pollInterval(), metadata.requestTimeout(), clock);
    }

    /** Uses the application's client (spring-cloud-kubernetes provides one in a cluster), else builds and owns one. */
    private static KubernetesEndpointSource kubernetes(KubernetesSource kubernetes,
            ObjectProvider<KubernetesClient> kubernetesClients, Clock clock) {
        KubernetesClient shared = kubernetesClients.getIfAvailable();
        KubernetesClient client = shared != null ? shared : new KubernetesClientBuilder().build();
        return new KubernetesEndpointSource(client, shared == null, kubernetes.namespace(),
                kubernetes.coalesceWindow(), clock);
    }
}
