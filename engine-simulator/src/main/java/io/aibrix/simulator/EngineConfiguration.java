package io.aibrix.simulator;

import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;

import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.EngineIdentity;
import io.aibrix.simulator.engine.EngineSettings;
import io.aibrix.simulator.engine.ModelProfile;
import io.aibrix.simulator.engine.SchedulerLimits;
import io.aibrix.simulator.engine.StepTimeModel;
import io.aibrix.simulator.fault.FaultState;
import io.aibrix.simulator.kv.BlockPool;
import io.aibrix.simulator.lora.LoraRegistry;
import io.aibrix.simulator.metrics.EngineMetrics;
import io.aibrix.simulator.metrics.VllmMetricsRenderer;
import io.aibrix.simulator.tiers.TieredKvCache;
import io.aibrix.simulator.tokenizer.ChatTemplate;
import io.aibrix.simulator.tokenizer.WordTokenizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds one engine from {@link SimulatorProperties}; the engine classes themselves know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WordTokenizer wordTokenizer() {
        return new WordTokenizer();
    }

    @Bean
    ChatTemplate chatTemplate(WordTokenizer tokenizer) {
        return new ChatTemplate(tokenizer);
    }

    @Bean
    ModelProfile modelProfile(SimulatorProperties properties) {
        return ModelProfile.named(properties.profile());
    }

    @Bean
    EngineSettings engineSettings(SimulatorProperties p, ModelProfile profile) {
        int blocks = p.numGpuBlocks() > 0 ? p.numGpuBlocks() : profile.numGpuBlocks();
        int blocksForLongestRequest = (p.maxModelLen() + p.blockSize() - 1) / p.blockSize();
        // vLLM refuses to start when one max-length request cannot fit; so do we (block 0 is reserved).
        if (blocks - 1 < blocksForLongestRequest) {
            throw new IllegalArgumentException("simulator.num-gpu-blocks=" + blocks + " cannot hold one request of "
                    + "max-model-len " + p.maxModelLen() + " (needs " + (blocksForLongestRequest + 1) + " blocks)");
        }
        SchedulerLimits limits = new SchedulerLimits(
                p.maxNumSeqs() > 0 ? p.maxNumSeqs() : profile.maxNumSeqs(),
                p.maxNumBatchedTokens() > 0 ? p.maxNumBatchedTokens() : profile.maxNumBatchedTokens(),
                p.maxModelLen());
        long transferNanos = (long) (p.kvTransfer().timePerBlock().toNanos() * p.timeScale());
        return new EngineSettings(limits, blocks, p.blockSize(), p.enablePrefixCaching(), p.lora().maxLoras(),
                p.seed(), transferNanos);
    }

    @Bean
    EngineIdentity engineIdentity(SimulatorProperties properties) {
        return new EngineIdentity(UUID.randomUUID().toString(), properties.role());
    }

    @Bean
    EngineMetrics engineMetrics(SimulatorProperties properties, Clock clock) {
        return new EngineMetrics(properties.maxModelLen(), clock.millis() / 1000.0);
    }

    @Bean
    FaultState faultState(SimulatorProperties properties) {
        return new FaultState(properties.startupDelay(), new SplittableRandom(properties.seed() ^ 0x5eedL));
    }

    @Bean(destroyMethod = "close")
    EngineCore engineCore(SimulatorProperties p, EngineSettings settings, ModelProfile profile,
            EngineMetrics metrics, FaultState faults, ObjectProvider<BlockPool.BlockEventListener> blockEvents,
            ObjectProvider<TieredKvCache> kvTiers) {
        StepTimeModel timeModel = new StepTimeModel(profile, p.timeScale(), p.jitter(),
                p.lora().stepOverheadPerAdapter(), p.lora().loadLatency().toNanos() / 1e6,
                new SplittableRandom(p.seed()));
        BlockPool.BlockEventListener events = blockEvents.getIfAvailable(() -> BlockPool.BlockEventListener.NONE);
        TieredKvCache tiers = kvTiers.getIfAvailable();
        EngineCore engine = tiers == null
                ? new EngineCore("engine-" + p.engineIndex(), settings, timeModel, metrics, events,
                        faults::engineStalled)
                : new EngineCore("engine-" + p.engineIndex(), settings, timeModel, metrics, tiers.alongside(events),
                        faults::engineStalled, tiers);
        engine.start();
        return engine;
    }

    @Bean
    VllmMetricsRenderer vllmMetricsRenderer(SimulatorProperties p, EngineSettings settings, EngineMetrics metrics,
            EngineIdentity identity, Clock clock, ObjectProvider<TieredKvCache> kvTiers) {
        return new VllmMetricsRenderer(p.model(), p.engineIndex(), settings, p.numGpuBlocks() > 0, metrics,
                identity.role(), clock, kvTiers.getIfAvailable());
    }

    @Bean
    LoraRegistry loraRegistry(SimulatorProperties p, Clock clock) {
        LoraRegistry registry = new LoraRegistry(p.lora().maxLoras());
        p.lora().adapters().forEach((name, path) -> registry.load(name, path, clock.millis() / 1000));
        return registry;
    }
}
