package io.aibrix.gateway.endpoint;

import io.aibrix.gateway.enginestats.ScrapeTargets;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the endpoint registry over the configured source, and reports discovery in the readiness probe. */
@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

    @Bean
    EndpointRegistry endpointRegistry(EndpointSource source) {
        return new EndpointRegistry(source);
    }

    /** The scraper watches every discovered engine (it skips the ones not ready). */
    @Bean
    ScrapeTargets scrapeTargets(EndpointRegistry registry) {
        return () -> registry.current().distinctEndpoints();
    }

    /** Not ready until discovery has delivered its initial state, so no request meets an empty registry. */
    @Bean
    HealthIndicator endpointDiscoveryHealthIndicator(EndpointRegistry registry) {
        return () -> {
            Health.Builder health = registry.isSynced() ? Health.up() : Health.outOfService();
            return health.withDetail("source", registry.sourceName())
                    .withDetail("models", registry.current().models().size())
                    .withDetail("endpoints", registry.current().distinctEndpoints().size())
                    .build();
        };
    }
}
