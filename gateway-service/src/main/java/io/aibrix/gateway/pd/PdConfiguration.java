package io.aibrix.gateway.pd;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.enginestats.EngineStats;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.netty.http.client.HttpClient;

/**
 * Registers {@code pd} (the routing registry picks the strategy up with the other strategy beans) and its prefill
 * filter, which the proxy adds to the inference route. A {@link PrefixAffinity} bean, when there is exactly one, steers
 * prefills to engines caching the prompt's prefix.
 */
@Configuration(proxyBeanMethods = false)
class PdConfiguration {

    /** Thread-safe: each call draws from the calling thread's generator. */
    private static final RandomGenerator RANDOM = () -> ThreadLocalRandom.current().nextLong();

    @Bean
    PdRoutingStrategy pdRoutingStrategy(PdProperties properties) {
        return new PdRoutingStrategy(new DecodeSelector(properties.decodeImbalanceThreshold()));
    }

    @Bean
    PdPrefillFilter pdPrefillFilter(PdExchangeAccess access, EndpointRegistry endpoints, EngineStats engineStats,
            HttpClient httpClient, PdProperties properties, ObjectProvider<PrefixAffinity> affinity,
            MeterRegistry meters) {
        PrefixAffinity prefixAffinity = affinity.getIfUnique(() -> PrefixAffinity.NONE);
        PrefillSelector selector = new PrefillSelector(properties.prefixWeight(), properties.loadStddevFactor(),
                properties.prefillImbalanceThreshold());
        return new PdPrefillFilter(access, endpoints, engineStats, new PdPlanner(selector, prefixAffinity, RANDOM),
                new PrefillClient(httpClient, properties.prefillTimeout()), prefixAffinity, new PdMeters(meters));
    }
}
