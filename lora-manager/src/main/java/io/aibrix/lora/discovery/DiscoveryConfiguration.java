package io.aibrix.lora.discovery;

import io.aibrix.lora.metadata.MetadataClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the one {@link EngineSource} that {@code lora.discovery.source} names. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    @Bean
    EngineSource engineSource(DiscoveryProperties properties, MetadataClient metadata,
            ObjectProvider<KubernetesClient> kubernetesClients) {
        return switch (properties.source()) {
            case RegistryEngineSource.NAME -> new RegistryEngineSource(metadata);
            case KubernetesEngineSource.NAME -> {
                KubernetesClient shared = kubernetesClients.getIfAvailable();
                KubernetesClient client = shared != null ? shared : new KubernetesClientBuilder().build();
                yield new KubernetesEngineSource(client, shared == null, properties.kubernetes().namespace());
            }
            default -> throw new IllegalStateException("Unhandled lora.discovery.source " + properties.source());
        };
    }
}
