package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.tokenizer.ChatTemplate;
import io.aibrix.simulator.tokenizer.WordTokenizer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tokenize} and {@code /detokenize}: the exact ids the engine schedules and hashes, so a router can
 * compute the same block hashes.
 */
@RestController
class TokenizeController {

    private final JsonBodies json;
    private final WordTokenizer tokenizer;
    private final ChatTemplate template;
    private final PromptReader prompts;
    private final GenerationService generation;

    TokenizeController(JsonBodies json, WordTokenizer tokenizer, ChatTemplate template, PromptReader prompts,
            GenerationService generation) {
        this.json = json;
        this.tokenizer = tokenizer;
        this.template = template;
        this.prompts = prompts;
        this.generation = generation;
    }

    @PostMapping("/tokenize")
    ResponseEntity<String> tokenize(@RequestBody(required = false) String body) {
        JsonNode request = json.parse(body);
        generation.resolve(JsonBodies.text(request, "model"));
        int[] ids = request.has("messages")
                ? template.render(ChatCompletionsController.messages(request),
                        JsonBodies.bool(request, "add_generation_prompt", true))
                : prompts.read(request, "prompt");
        ObjectNode response = json.object().put("count", ids.length)
                .put("max_model_len", generation.maxModelLength());
        ArrayNode tokens = response.putArray("tokens");
        for (int id : ids) {
            tokens.add(id);
        }
        response.putNull("token_strs");
        return ok(response);
    }

    @PostMapping("/detokenize")
    ResponseEntity<String> detokenize(@RequestBody(required = false) String body) {
        JsonNode request = json.parse(body);
        generation.resolve(JsonBodies.text(request, "model"));
        JsonNode tokens = request.get("tokens");
        if (tokens == null || !tokens.isArray()) {
            throw VllmException.badRequest("'tokens' must be a list of token ids but was " + tokens);
        }
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            if (!tokens.get(i).isIntegralNumber()) {
                throw VllmException.badRequest("'tokens' must hold integers but position " + i + " is "
                        + tokens.get(i));
            }
            ids[i] = tokens.get(i).intValue();
        }
        return ok(json.object().put("prompt", tokenizer.decode(ids)));
    }

    private ResponseEntity<String> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.write(body));
    }
}
