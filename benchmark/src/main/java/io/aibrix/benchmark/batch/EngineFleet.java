package io.aibrix.benchmark.batch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.simulator.SimulatedEngine;

/** Simulated engines in this JVM on free ports, and their token counters. */
final class EngineFleet implements AutoCloseable {

    private final List<SimulatedEngine> engines = new ArrayList<>();

    /** Engine-side counters summed over the fleet. */
    record Counters(double promptTokens, double generationTokens, double requests) {

        Counters minus(Counters before) {
            return new Counters(promptTokens - before.promptTokens, generationTokens - before.generationTokens,
                    requests - before.requests);
        }
    }

    static EngineFleet start(int count, String profile) {
        EngineFleet fleet = new EngineFleet();
        try {
            for (int i = 0; i < count; i++) {
                fleet.engines.add(SimulatedEngine.start(Map.of("simulator.profile", profile,
                        "simulator.engine-index", i, "logging.level.root", "warn",
                        "logging.level.io.aibrix", "warn")));
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    List<URI> baseUris() {
        return engines.stream().map(SimulatedEngine::baseUri).toList();
    }

    Counters counters() {
        double prompt = 0;
        double generation = 0;
        double requests = 0;
        for (URI engine : baseUris()) {
            String text = Http.get(engine.resolve("/metrics")).body();
            prompt += Metrics.sum(text, "vllm:prompt_tokens_total", "");
            generation += Metrics.sum(text, "vllm:generation_tokens_total", "");
            requests += Metrics.sum(text, "vllm:request_success_total", "");
        }
        return new Counters(prompt, generation, requests);
    }

    @Override
    public void close() {
        engines.forEach(SimulatedEngine::close);
    }
}
