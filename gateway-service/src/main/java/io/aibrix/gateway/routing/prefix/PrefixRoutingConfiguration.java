package io.aibrix.gateway.routing.prefix;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.Disposable;

/**
 * Wires {@code prefix-cache} and {@code prefix-cache-preble} (each with its own index; the routing registry picks them
 * up as strategy beans) and their {@link PrefixReplication} seam, and forgets indexed pods once discovery no longer
 * reports them.
 */
@Configuration(proxyBeanMethods = false)
class PrefixRoutingConfiguration {

    /** The seam through which gateway replicas share these strategies' decisions (unused by a single replica). */
    @Bean
    PrefixReplication prefixReplication(PrefixCacheProperties properties) {
        return new PrefixReplication(PrefixReplication.fingerprint(properties));
    }

    @Bean
    PrefixCacheRoutingStrategy prefixCacheRoutingStrategy(PrefixCacheProperties properties, MeterRegistry meters,
            ObjectProvider<Clock> clock, PrefixReplication replication) {
        PrefixMatcher matcher = matcher(properties, clock.getIfUnique(Clock::systemUTC),
                replication.recorder(PrefixCacheRoutingStrategy.NAME));
        replication.register(PrefixCacheRoutingStrategy.NAME, matcher.index(), null);
        return new PrefixCacheRoutingStrategy(matcher, properties.inFlightCostTokens(),
                new PrefixRoutingMeters(meters, PrefixCacheRoutingStrategy.NAME, matcher.index()));
    }

    @Bean
    PrebleRoutingStrategy prebleRoutingStrategy(PrefixCacheProperties properties, PrebleProperties preble,
            MeterRegistry meters, ObjectProvider<Clock> clock, PrefixReplication replication) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        PrefixMatcher matcher = matcher(properties, time, replication.recorder(PrebleRoutingStrategy.NAME));
        WorkWindows load = new WorkWindows(time, preble.window());
        replication.register(PrebleRoutingStrategy.NAME, matcher.index(), load);
        return new PrebleRoutingStrategy(matcher,
                PrebleCostModel.of(preble.prefillTimePerToken(), preble.decodeTimePerToken(),
                        preble.defaultOutputTokens()),
                load, preble.matchThreshold(),
                new PrefixRoutingMeters(meters, PrebleRoutingStrategy.NAME, matcher.index()));
    }

    /** Drops the indexed state of engines discovery no longer reports (a returning address starts cold). */
    @Bean(destroyMethod = "dispose")
    Disposable prefixIndexPruner(EndpointRegistry endpoints, PrefixCacheRoutingStrategy prefixCache,
            PrebleRoutingStrategy preble) {
        return endpoints.changes().subscribe(snapshot -> {
            Set<String> live = new HashSet<>();
            for (Endpoint endpoint : snapshot.distinctEndpoints()) {
                live.add(endpoint.address());
            }
            prefixCache.retainPods(live);
            preble.retainPods(live);
        });
    }

    private static PrefixMatcher matcher(PrefixCacheProperties properties, Clock clock,
            PrefixMatcher.Recorder recorder) {
        PromptHasher hasher = new PromptHasher(properties.tokenizer(), properties.characterBlockSize(),
                properties.tokenBlockSize(), properties.hashSeed());
        PrefixIndex index = new PrefixIndex(clock, properties.idleTtl(), properties.maxBlocks());
        return new PrefixMatcher(hasher, index, new LoadGuard(properties.imbalanceThreshold(),
                properties.stddevFactor(), properties.kvUsageCeiling()), recorder);
    }
}
