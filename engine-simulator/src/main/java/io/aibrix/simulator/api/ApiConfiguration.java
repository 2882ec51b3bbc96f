package io.aibrix.simulator.api;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.EngineIdentity;
import io.aibrix.simulator.engine.ModelProfile;
import io.aibrix.simulator.fault.FaultState;
import io.aibrix.simulator.lora.LoraRegistry;
import io.aibrix.simulator.tokenizer.WordTokenizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import reactor.netty.resources.LoopResources;

/** Wires the HTTP layer's helpers. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    private static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

    static {
        // Reactor Netty 1.2.18 buffers a keep-alive request that arrives before the previous exchange has terminated
        // and can then stop reading the connection, so the request waits until the client gives up
        // (reactor/reactor-netty#4361). With this flag the finished exchange is terminated and the new request is
        // served at once. It is read once per JVM: it helps only if no Reactor Netty server started earlier, and an
        // explicit -D setting wins. Drop it once Reactor Netty ships the fix.
        if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
            System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
        }
    }

    /**
     * The event loops every engine's HTTP server in this JVM runs on, owned by none of them. Boot's default (Reactor
     * Netty's global resources) disposes the shared loops when any one context closes, so closing or crashing one
     * engine of a fleet would take down every other engine's server.
     */
    private static final LoopResources SHARED_LOOPS = LoopResources.create("engine-http",
            LoopResources.DEFAULT_IO_WORKER_COUNT, true);

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResources(SHARED_LOOPS);
        return factory;
    }

    @Bean
    JsonBodies jsonBodies(ObjectMapper mapper) {
        return new JsonBodies(mapper);
    }

    @Bean
    ResponseBodies responseBodies(JsonBodies json, SimulatorProperties properties) {
        return new ResponseBodies(json, properties.enablePromptTokensDetails());
    }

    @Bean
    PromptReader promptReader(WordTokenizer tokenizer) {
        return new PromptReader(tokenizer);
    }

    @Bean
    GenerationService generationService(SimulatorProperties p, EngineCore engine, LoraRegistry adapters,
            FaultState faults, ModelProfile profile) {
        Duration overhead = p.apiOverhead() != null ? p.apiOverhead() : profile.apiOverhead();
        Duration scaled = Duration.ofNanos((long) (overhead.toNanos() * p.timeScale()));
        return new GenerationService(p, engine, adapters, faults, scaled);
    }

    @Bean
    KvTransferParams kvTransferParams(JsonBodies json, EngineIdentity identity) {
        return new KvTransferParams(json, identity);
    }

    @Bean
    GenerationResponder generationResponder(ResponseBodies bodies, FaultState faults, KvTransferParams kvTransfer,
            Clock clock) {
        return new GenerationResponder(bodies, faults, kvTransfer, clock);
    }

    @Bean
    EmbeddingsController.EmbeddingDimension embeddingDimension(SimulatorProperties properties) {
        return new EmbeddingsController.EmbeddingDimension(properties.embeddingDimension());
    }

    @Bean
    ModelsController.StartTime startTime(Clock clock) {
        return new ModelsController.StartTime(clock.millis() / 1000);
    }
}
