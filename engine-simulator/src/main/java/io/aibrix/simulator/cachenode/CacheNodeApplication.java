package io.aibrix.simulator.cachenode;

import io.aibrix.simulator.tiers.EvictionPolicies;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The simulator's cache-node mode ({@code --cache-node.enabled=true}): a KV block store that registers with the
 * coordinator. Conditional so that the engine application, whose component scan finds this class, skips it.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(CacheNodeProperties.class)
@ConditionalOnProperty(prefix = "cache-node", name = "enabled", havingValue = "true")
public class CacheNodeApplication {

    @Bean
    BlockStore blockStore(CacheNodeProperties properties) {
        return new BlockStore(EvictionPolicies.create(properties.eviction(), properties.capacityBlocks()));
    }

    @Bean
    RouterFunction<ServerResponse> cacheNodeRoutes(BlockStore store) {
        return CacheNodeRoutes.routes(store);
    }

    @Bean
    Registrar registrar(CacheNodeProperties properties) {
        return new Registrar(properties);
    }

    /** Registers once the port is known; deregisters when the context closes. */
    static final class Registrar implements ApplicationListener<ReactiveWebServerInitializedEvent>, AutoCloseable {

        private final CacheNodeProperties properties;
        private volatile CoordinatorRegistration registration;

        Registrar(CacheNodeProperties properties) {
            this.properties = properties;
        }

        @Override
        public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
            int port = event.getWebServer().getPort();
            if (properties.coordinator() != null) {
                String name = properties.name() != null ? properties.name() : "cache-node-" + port;
                registration = new CoordinatorRegistration(properties.coordinator(), properties.cluster(), name,
                        properties.address(), port, properties.heartbeatInterval());
            }
        }

        boolean registered() {
            CoordinatorRegistration current = registration;
            return current != null && current.registered();
        }

        @Override
        public void close() {
            if (registration != null) {
                registration.close();
            }
        }
    }
}
