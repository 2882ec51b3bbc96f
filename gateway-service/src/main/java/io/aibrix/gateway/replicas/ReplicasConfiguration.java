package io.aibrix.gateway.replicas;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.proxy.InFlightRequests;
import io.aibrix.gateway.routing.prefix.PrefixReplication;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Wires state sharing between gateway replicas, only when {@code gateway.replicas.redis-url} is set (a blank value
 * counts as unset): a single replica creates no Redis client and pays nothing.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReplicasConfiguration.RedisUrlSet.class)
class ReplicasConfiguration {

    @Bean
    ReplicaSync replicaSync(ReplicasProperties properties, InFlightRequests inFlight, PrefixReplication prefixes,
            EndpointRegistry endpoints, MeterRegistry registry, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        long replica = new SecureRandom().nextLong();
        ReplicaMeters meters = new ReplicaMeters(registry);
        PeerInFlight peers = new PeerInFlight(time, properties.peerExpiry());
        PrefixOutbox outbox = new PrefixOutbox(time, properties.prefixRefreshInterval(), properties.maxPendingBlocks());
        PeerMessages messages = new PeerMessages(replica, prefixes.fingerprint(), properties, peers, prefixes::apply,
                new KnownEngines(endpoints), meters);
        RedisLink link = new RedisLink(properties.redisUrl(), properties.commandTimeout(),
                List.of(properties.inFlightChannel(), properties.prefixChannel()), messages::accept, meters);
        ReplicaSync sync = new ReplicaSync(replica, properties, inFlight, peers, prefixes, outbox, link, meters);
        meters.gauges(peers::peers, () -> link.connected() ? 1 : 0, outbox::pendingBlocks);
        return sync;
    }

    /** {@code gateway.replicas.redis-url} has text. */
    static final class RedisUrlSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("gateway.replicas.redis-url"));
        }
    }
}
