package io.aibrix.simulator.api;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.ModelProfile;
import io.aibrix.simulator.fault.FaultState;
import io.aibrix.simulator.lora.LoraRegistry;
import io.aibrix.simulator.tokenizer.WordTokenizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the HTTP layer's helpers. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

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
    GenerationResponder generationResponder(ResponseBodies bodies, FaultState faults, Clock clock) {
        return new GenerationResponder(bodies, faults, clock);
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
