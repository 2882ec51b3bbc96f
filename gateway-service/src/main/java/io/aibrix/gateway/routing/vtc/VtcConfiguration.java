package io.aibrix.gateway.routing.vtc;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@code vtc-basic}; the routing registry picks it up with the other strategy beans. */
@Configuration(proxyBeanMethods = false)
class VtcConfiguration {

    @Bean
    VirtualTokenCounters virtualTokenCounters(VtcProperties properties, ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        VirtualTokenCounters counters = new VirtualTokenCounters(clock.getIfUnique(Clock::systemUTC),
                properties.window(), properties.windowBuckets(), properties.forgetUnfinishedAfter());
        VtcMeters.register(counters, meters);
        return counters;
    }

    @Bean
    VtcRoutingStrategy vtcRoutingStrategy(VirtualTokenCounters counters, VtcProperties properties) {
        return new VtcRoutingStrategy(counters, properties);
    }
}
