package io.aibrix.simulator.api;

import java.time.Duration;
import java.util.UUID;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.EngineRequest;
import io.aibrix.simulator.engine.FinishReason;
import io.aibrix.simulator.engine.FinishedRequest;
import io.aibrix.simulator.engine.KvTransfer;
import io.aibrix.simulator.engine.RequestObserver;
import io.aibrix.simulator.fault.FaultState;
import io.aibrix.simulator.lora.LoraRegistry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The path every generating endpoint shares: resolve the model, check lengths as vLLM does, apply the API overhead
 * and injected faults, hand the tokens to the engine and expose its output as a {@link Flux}. A cancelled
 * subscription (client gone) aborts the request in the engine, so it stops holding KV blocks.
 */
final class GenerationService {

    private final SimulatorProperties properties;
    private final EngineCore engine;
    private final LoraRegistry adapters;
    private final FaultState faults;
    private final Duration apiOverhead;

    GenerationService(SimulatorProperties properties, EngineCore engine, LoraRegistry adapters, FaultState faults,
            Duration apiOverhead) {
        this.properties = properties;
        this.engine = engine;
        this.adapters = adapters;
        this.faults = faults;
        this.apiOverhead = apiOverhead;
    }

    String baseModel() {
        return properties.model();
    }

    int maxModelLength() {
        return properties.maxModelLen();
    }

    ServedModel resolve(String model) {
        if (!faults.isReady()) {
            throw VllmException.unavailable("The engine is not ready.");
        }
        if (model == null || model.equals(properties.model())) {
            return new ServedModel(properties.model(), null, 0);
        }
        return adapters.find(model)
                .map(a -> new ServedModel(a.name(), a.name(), a.key()))
                .orElseThrow(() -> VllmException.modelNotFound(model));
    }

    /** The output limit for a prompt: {@code max_tokens}, or what is left of the context when absent. */
    int outputLimit(int promptTokens, Integer maxTokens) {
        int maxLen = properties.maxModelLen();
        if (promptTokens >= maxLen) {
            throw VllmException.badRequest("This model's maximum context length is " + maxLen + " tokens. However, "
                    + "your request has " + promptTokens + " input tokens. Please reduce the length of the input "
                    + "messages.");
        }
        if (maxTokens == null) {
            return maxLen - promptTokens;
        }
        if (promptTokens + maxTokens > maxLen) {
            throw VllmException.badRequest("'max_tokens' or 'max_completion_tokens' is too large: " + maxTokens
                    + ". This model's maximum context length is " + maxLen + " tokens and your request has "
                    + promptTokens + " input tokens (" + maxTokens + " > " + maxLen + " - " + promptTokens + ").");
        }
        return maxTokens;
    }

    /** Fails fast (before any byte is written) when a fault says this request errors. */
    void checkInjectedFailure() {
        if (faults.shouldFail()) {
            FaultState.Faults f = faults.current();
            throw VllmException.withStatus(f.errorStatus(), "Injected failure (status " + f.errorStatus() + ")");
        }
    }

    Flux<GenerationEvent> generate(ServedModel model, int[] prompt, int maxOutputTokens, boolean ignoreEos,
            KvTransfer kvTransfer) {
        String id = UUID.randomUUID().toString();
        int eosMean = ignoreEos ? 0 : properties.eosMeanTokens();
        Flux<GenerationEvent> output = Flux.defer(() -> {
            Sinks.Many<GenerationEvent> sink = Sinks.many().unicast().onBackpressureBuffer();
            engine.submit(new EngineRequest(id, prompt, maxOutputTokens, eosMean, model.adapter(),
                    model.adapterKey(), System.nanoTime(), new SinkObserver(sink), kvTransfer));
            return sink.asFlux();
        }).doOnCancel(() -> engine.abort(id));
        Duration delay = apiOverhead.plusMillis(faults.current().extraLatencyMs());
        Flux<GenerationEvent> delayed = delay.isZero() ? output : Mono.delay(delay).thenMany(output);
        // Serialization and socket writes run off the engine thread, so they never stretch a step.
        return delayed.publishOn(Schedulers.parallel(), 256);
    }

    private record SinkObserver(Sinks.Many<GenerationEvent> sink) implements RequestObserver {

        @Override
        public void onToken(int tokenId, String text, FinishReason finishReason) {
            sink.tryEmitNext(new GenerationEvent.Token(tokenId, text, finishReason));
        }

        @Override
        public void onFinished(FinishedRequest finished) {
            sink.tryEmitNext(new GenerationEvent.Done(finished));
            sink.tryEmitComplete();
        }
    }
}
