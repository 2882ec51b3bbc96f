package io.aibrix.simulator.api;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.engine.KvTransfer;
import io.aibrix.simulator.tokenizer.Hashing;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/embeddings}: the input is prefilled through the engine like any request (so it costs KV and step
 * time), and the vector is a deterministic unit vector derived from the token ids.
 */
@RestController
class EmbeddingsController {

    private final JsonBodies json;
    private final PromptReader prompts;
    private final GenerationService generation;
    private final int dimension;
    private final Clock clock;

    EmbeddingsController(JsonBodies json, PromptReader prompts, GenerationService generation,
            EmbeddingDimension dimension, Clock clock) {
        this.json = json;
        this.prompts = prompts;
        this.generation = generation;
        this.dimension = dimension.value();
        this.clock = clock;
    }

    record EmbeddingDimension(int value) {
    }

    @PostMapping("/v1/embeddings")
    Mono<Void> embed(@RequestBody(required = false) String body, ServerWebExchange exchange) {
        JsonNode request = json.parse(body);
        ServedModel model = generation.resolve(JsonBodies.text(request, "model"));
        int[] input = prompts.read(request, "input");
        generation.outputLimit(input.length, 1);
        generation.checkInjectedFailure();
        return generation.generate(model, input, 1, true, KvTransfer.NONE)
                .ofType(GenerationEvent.Done.class)
                .next()
                .flatMap(done -> SseWriter.writeJson(exchange, response(model, input)));
    }

    private String response(ServedModel model, int[] input) {
        ObjectNode body = json.object()
                .put("id", "embd-" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "list")
                .put("created", clock.millis() / 1000)
                .put("model", model.name());
        ObjectNode item = json.object().put("index", 0).put("object", "embedding");
        ArrayNode vector = item.putArray("embedding");
        for (double v : vector(input)) {
            vector.add(v);
        }
        body.putArray("data").add(item);
        // vLLM's embedding usage: prompt tokens only, never prompt_tokens_details.
        ObjectNode usage = json.object().put("prompt_tokens", input.length).put("total_tokens", input.length)
                .put("completion_tokens", 0);
        usage.putNull("prompt_tokens_details");
        body.set("usage", usage);
        return json.write(body);
    }

    private double[] vector(int[] tokens) {
        long seed = 0x9e3779b97f4a7c15L;
        for (int token : tokens) {
            seed = Hashing.combine(seed, token);
        }
        double[] v = new double[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = ((Hashing.combine(seed, i) >>> 11) * 0x1.0p-53) * 2 - 1;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dimension; i++) {
            v[i] = v[i] / norm;
        }
        return v;
    }
}
