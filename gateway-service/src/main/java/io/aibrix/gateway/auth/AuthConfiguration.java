package io.aibrix.gateway.auth;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.StringUtils;

/**
 * Wires API-key authentication, only when {@code gateway.auth.metadata-url} is set and {@code gateway.auth.enabled}
 * is not false: without it there is no {@link Authenticator} bean and inference requests need no key.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AuthConfiguration.AuthActive.class)
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    /** On the gateway's own event loops, like the engine client. */
    @Bean(destroyMethod = "close")
    MetadataKeyClient metadataKeyClient(AuthProperties properties, ReactorResourceFactory resources) {
        MetadataKeyClient client = new MetadataKeyClient(properties.metadataUrl(), properties.metadataToken(),
                properties.requestTimeout(), resources.getLoopResources());
        log.info("Inference requests need an API key, resolved by {} (cached for {})", client.resolveUri(),
                properties.cacheTtl());
        return client;
    }

    @Bean
    Authenticator authenticator(MetadataKeyClient client, AuthProperties properties, MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        KeyCache cache = new KeyCache(clock.getIfUnique(Clock::systemUTC), properties.cacheTtl(),
                properties.negativeCacheTtl(), properties.cacheMaxEntries());
        Gauge.builder("gateway.auth.cache.size", cache::size)
                .description("API keys whose last lookup the gateway remembers")
                .register(meters);
        return new Authenticator(client::resolve, cache, properties.serveStaleOnOutage(), meters);
    }

    /** {@code gateway.auth.metadata-url} has text and {@code gateway.auth.enabled} is not false. */
    static final class AuthActive implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("gateway.auth.metadata-url"))
                    && !"false".equalsIgnoreCase(context.getEnvironment().getProperty("gateway.auth.enabled", "true")
                            .trim());
        }
    }
}
