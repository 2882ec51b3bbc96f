package io.aibrix.simulator.tiers;

import java.net.URI;
import java.time.Duration;

import io.aibrix.kvcache.client.RingClient;
import io.aibrix.simulator.SimulatorProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The engine's KV tiers, only when {@code simulator.kv-tiers} configures an L1 or an L2. */
@Configuration(proxyBeanMethods = false)
class KvTiersConfiguration {

    /** The engine core closes it (its L2 threads) when it stops. */
    @Bean(destroyMethod = "")
    @Conditional(TiersConfigured.class)
    TieredKvCache tieredKvCache(SimulatorProperties p) {
        SimulatorProperties.KvTiers tiers = p.kvTiers();
        if (!p.enablePrefixCaching()) {
            throw new IllegalArgumentException(
                    "simulator.kv-tiers need simulator.enable-prefix-caching=true (blocks are found by hash)");
        }
        BlockCache l1 = EvictionPolicies.create(tiers.l1().eviction(), Math.max(1, tiers.l1().capacityBlocks()));
        CacheNodeClient l2 = null;
        URI coordinator = tiers.l2().coordinator();
        if (coordinator != null) {
            l2 = new CacheNodeClient(RingClient.start(coordinator, tiers.l2().cluster()),
                    tiers.l2().lookupTimeout());
        }
        return new TieredKvCache(tiers.l1().capacityBlocks() > 0 ? l1 : null, scaled(tiers.l1().timePerBlock(), p),
                l2, scaled(tiers.l2().timePerBlock(), p), tiers.l2().writeThrough());
    }

    private static long scaled(Duration perBlock, SimulatorProperties p) {
        return (long) (perBlock.toNanos() * p.timeScale());
    }

    static final class TiersConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("simulator.kv-tiers", SimulatorProperties.KvTiers.class)
                    .map(SimulatorProperties.KvTiers::enabled)
                    .orElse(false);
        }
    }
}
