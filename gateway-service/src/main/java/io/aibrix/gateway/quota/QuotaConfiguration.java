package io.aibrix.gateway.quota;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Wires quotas unless {@code gateway.quotas.enabled=false}: counts in Redis when {@code gateway.quotas.redis-url} (or
 * else {@code gateway.replicas.redis-url}) is set, in memory otherwise. A request with no limit (no caller limits, no
 * model limit) never touches the store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.quotas.enabled", havingValue = "true", matchIfMissing = true)
class QuotaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QuotaConfiguration.class);

    @Bean(destroyMethod = "close")
    QuotaStore quotaStore(QuotaProperties properties, Environment environment, MeterRegistry registry) {
        String url = StringUtils.hasText(properties.redisUrl()) ? properties.redisUrl()
                : environment.getProperty("gateway.replicas.redis-url");
        if (!StringUtils.hasText(url)) {
            return new MemoryQuotaStore();
        }
        QuotaMeters meters = new QuotaMeters(registry);
        RedisQuotaStore store = new RedisQuotaStore(url, properties.keyPrefix(), properties.commandTimeout(),
                error -> meters.storeError("adjust"));
        meters.connected(store::connected);
        store.start();
        log.info("Quotas are counted in Redis at {}, shared by every gateway replica using key prefix '{}'",
                store.address(), properties.keyPrefix());
        return store;
    }

    @Bean
    Quotas quotas(QuotaStore store, QuotaProperties properties, MeterRegistry registry, ObjectProvider<Clock> clock) {
        return new Quotas(store, clock.getIfUnique(Clock::systemUTC), properties, new QuotaMeters(registry));
    }
}
