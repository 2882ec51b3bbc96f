package io.aibrix.gateway.routing;

import java.util.List;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the built-in strategies, the registry (which also picks up strategy beans declared elsewhere) and the
 * {@link Router}. The random source stays private to routing so it never competes with another
 * {@link RandomGenerator} bean.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    private static final RandomGenerator RANDOM = ThreadLocalRandomGenerator.INSTANCE;

    @Bean
    FallbackRecorder routingFallbackRecorder(MeterRegistry meters) {
        return FallbackRecorder.counting(meters);
    }

    @Bean
    RandomRoutingStrategy randomRoutingStrategy() {
        return new RandomRoutingStrategy(RANDOM);
    }

    @Bean
    LeastRequestRoutingStrategy leastRequestRoutingStrategy() {
        return new LeastRequestRoutingStrategy();
    }

    @Bean
    LeastKvCacheRoutingStrategy leastKvCacheRoutingStrategy(FallbackRecorder fallbacks) {
        return new LeastKvCacheRoutingStrategy(fallbacks);
    }

    @Bean
    LeastGpuCacheRoutingStrategy leastGpuCacheRoutingStrategy(FallbackRecorder fallbacks) {
        return new LeastGpuCacheRoutingStrategy(fallbacks);
    }

    @Bean
    LeastLatencyRoutingStrategy leastLatencyRoutingStrategy(FallbackRecorder fallbacks) {
        return new LeastLatencyRoutingStrategy(fallbacks);
    }

    @Bean
    ThroughputRoutingStrategy throughputRoutingStrategy(FallbackRecorder fallbacks) {
        return new ThroughputRoutingStrategy(fallbacks);
    }

    @Bean
    PowerOfTwoRoutingStrategy powerOfTwoRoutingStrategy() {
        return new PowerOfTwoRoutingStrategy(RANDOM);
    }

    @Bean
    SessionAffinityRoutingStrategy sessionAffinityRoutingStrategy() {
        return new SessionAffinityRoutingStrategy(RANDOM);
    }

    @Bean
    RoutingStrategyRegistry routingStrategyRegistry(List<RoutingStrategy> strategies) {
        return new RoutingStrategyRegistry(strategies);
    }

    @Bean
    Router inferenceRouter(RoutingStrategyRegistry registry, MeterRegistry meters) {
        return new Router(registry, RANDOM, meters);
    }
}
