package io.aibrix.gateway.kvevents;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Wires the {@link KvBlockIndex} (always: with the feeds off it simply knows no engine) and, unless
 * {@code gateway.kv-events.enabled=false}, one KV event feed per discovered engine on the gateway's event loops.
 */
@Configuration(proxyBeanMethods = false)
class KvEventsConfiguration {

    @Bean
    KvBlockIndex kvBlockIndex() {
        return new KvBlockIndex();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "gateway.kv-events", name = "enabled", havingValue = "true", matchIfMissing = true)
    FeedClient kvEventFeedClient(KvEventsProperties properties, ObjectProvider<ReactorResourceFactory> resources) {
        ReactorResourceFactory factory = resources.getIfUnique();
        return new FeedClient(properties.requestTimeout(), (int) properties.maxLineLength().toBytes(),
                factory != null ? factory.getLoopResources() : null);
    }

    @Bean
    @ConditionalOnProperty(prefix = "gateway.kv-events", name = "enabled", havingValue = "true", matchIfMissing = true)
    KvEventFeeds kvEventFeeds(EndpointRegistry endpoints, KvBlockIndex index, FeedClient client,
            KvEventsProperties properties, MeterRegistry registry) {
        KvEventsMeters meters = new KvEventsMeters(registry, index);
        return new KvEventFeeds(endpoints, index,
                endpoint -> new EngineFeed(endpoint, client, new FeedCursor(index.register(endpoint.address())),
                        new Backoff(properties.initialBackoff(), properties.maxBackoff()), properties.staleAfter(),
                        meters),
                meters);
    }
}
