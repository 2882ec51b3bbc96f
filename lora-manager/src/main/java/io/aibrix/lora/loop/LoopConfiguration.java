package io.aibrix.lora.loop;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.aibrix.lora.discovery.EngineSource;
import io.aibrix.lora.engine.EngineClient;
import io.aibrix.lora.engine.EngineObserver;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.reconcile.BinPackPolicy;
import io.aibrix.lora.reconcile.LeastAdaptersPolicy;
import io.aibrix.lora.reconcile.RandomPolicy;
import io.aibrix.lora.reconcile.Reconciler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the reconciler, the applier and the loop, and schedules it. */
@Configuration(proxyBeanMethods = false)
class LoopConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Reconciler reconciler(LoopProperties properties) {
        Long seed = properties.placement().randomSeed();
        RandomGenerator random = new SplittableRandom(seed != null ? seed : new SecureRandom().nextLong());
        return new Reconciler(List.of(new LeastAdaptersPolicy(), new BinPackPolicy(), new RandomPolicy(random)));
    }

    @Bean
    ReconcileLoop reconcileLoop(LoopProperties properties, MetadataClient metadata, EngineSource source,
            EngineObserver observer, EngineClient engines, Reconciler reconciler, Clock clock) {
        AttemptLedger attempts = new AttemptLedger(properties.retry());
        Applier applier = new Applier(engines, metadata, attempts, clock);
        return new ReconcileLoop(metadata, source, observer, reconciler, applier, attempts, new OwnedAdapters(),
                clock);
    }

    @Bean
    @ConditionalOnProperty(name = "lora.reconcile.enabled", matchIfMissing = true)
    ReconcileScheduler reconcileScheduler(ReconcileLoop loop, LoopProperties properties) {
        return new ReconcileScheduler(loop, properties.reconcile().interval());
    }
}
