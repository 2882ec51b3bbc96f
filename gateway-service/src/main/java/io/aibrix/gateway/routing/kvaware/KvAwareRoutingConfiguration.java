package io.aibrix.gateway.routing.kvaware;

import java.time.Clock;

import io.aibrix.gateway.kvevents.KvBlockIndex;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@code kv-aware}; the routing registry picks it up with the other strategy beans. */
@Configuration(proxyBeanMethods = false)
class KvAwareRoutingConfiguration {

    @Bean
    KvAwareRoutingStrategy kvAwareRoutingStrategy(KvBlockIndex index, KvAwareProperties properties,
            MeterRegistry meters, ObjectProvider<Clock> clock) {
        PendingBlocks pending = properties.trackPending()
                ? new PendingBlocks(clock.getIfUnique(Clock::systemUTC), properties.pendingGrace(),
                        properties.pendingMaxAge())
                : null;
        return new KvAwareRoutingStrategy(index, properties.overlapWeight(), properties.requestLoadBlocks(),
                properties.decodingRequestShare(), new KvAwareMeters(meters), pending);
    }
}
