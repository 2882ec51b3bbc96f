package io.aibrix.kvcache.publication;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.kvcache.membership.MembershipProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The watch hub, and the Redis publisher only when {@code kvcache.publication.redis.url} is set (not blank). */
@Configuration(proxyBeanMethods = false)
class PublicationConfiguration {

    @Bean
    RingWatchers ringWatchers(ClusterRegistry registry) {
        RingWatchers watchers = new RingWatchers();
        registry.addListener(watchers);
        return watchers;
    }

    @Bean
    @Conditional(RedisUrlSet.class)
    RedisRingPublisher redisRingPublisher(PublicationProperties properties, MembershipProperties membership,
            ClusterRegistry registry, ObjectMapper mapper) {
        Map<String, String> keys = new TreeMap<>();
        membership.clusters().forEach((name, cluster) -> keys.put(name, cluster.redisKey()));
        RedisRingPublisher publisher = new RedisRingPublisher(registry, keys, mapper, properties.redis().url(),
                properties.redis().timeout(), properties.redis().republishInterval());
        registry.addListener(publisher);
        return publisher;
    }

    static final class RedisUrlSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("kvcache.publication.redis.url"));
        }
    }
}
