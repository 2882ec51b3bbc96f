package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.engine.KvTransfer;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** {@code POST /v1/completions}. */
@RestController
class CompletionsController {

    private final JsonBodies json;
    private final PromptReader prompts;
    private final GenerationService generation;
    private final GenerationResponder responder;
    private final KvTransferParams kvTransfer;

    CompletionsController(JsonBodies json, PromptReader prompts, GenerationService generation,
            GenerationResponder responder, KvTransferParams kvTransfer) {
        this.json = json;
        this.prompts = prompts;
        this.generation = generation;
        this.responder = responder;
        this.kvTransfer = kvTransfer;
    }

    @PostMapping("/v1/completions")
    Mono<Void> complete(@RequestBody(required = false) String body, ServerWebExchange exchange) {
        JsonNode request = json.parse(body);
        ServedModel model = generation.resolve(JsonBodies.text(request, "model"));
        SamplingParams params = SamplingParams.from(request);
        int[] prompt = prompts.read(request, "prompt");
        int limit = generation.outputLimit(prompt.length, params.maxTokens());
        KvTransfer transfer = kvTransfer.read(request);
        generation.checkInjectedFailure();
        return responder.respond(exchange, GenerationResponder.Kind.COMPLETION, model.name(),
                generation.generate(model, prompt, limit, params.ignoreEos(), transfer), params.stream(),
                params.includeUsage());
    }
}
