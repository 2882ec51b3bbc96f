package io.aibrix.simulator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.engine.KvTransfer;
import io.aibrix.simulator.tokenizer.ChatTemplate;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** {@code POST /v1/chat/completions}: the chat template over the messages, then generation. */
@RestController
class ChatCompletionsController {

    private final JsonBodies json;
    private final ChatTemplate template;
    private final GenerationService generation;
    private final GenerationResponder responder;
    private final KvTransferParams kvTransfer;

    ChatCompletionsController(JsonBodies json, ChatTemplate template, GenerationService generation,
            GenerationResponder responder, KvTransferParams kvTransfer) {
        this.json = json;
        this.template = template;
        this.generation = generation;
        this.responder = responder;
        this.kvTransfer = kvTransfer;
    }

    @PostMapping("/v1/chat/completions")
    Mono<Void> chat(@RequestBody(required = false) String body, ServerWebExchange exchange) {
        JsonNode request = json.parse(body);
        ServedModel model = generation.resolve(JsonBodies.text(request, "model"));
        SamplingParams params = SamplingParams.from(request);
        int[] prompt = template.render(messages(request), true);
        int limit = generation.outputLimit(prompt.length, params.maxTokens());
        KvTransfer transfer = kvTransfer.read(request);
        generation.checkInjectedFailure();
        return responder.respond(exchange, GenerationResponder.Kind.CHAT, model.name(),
                generation.generate(model, prompt, limit, params.ignoreEos(), transfer), params.stream(),
                params.includeUsage());
    }

    static List<ChatTemplate.Message> messages(JsonNode request) {
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw VllmException.badRequest("'messages' must be a non-empty array but was " + messages);
        }
        List<ChatTemplate.Message> result = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw VllmException.badRequest("each message must be an object but got " + message);
            }
            String role = JsonBodies.text(message, "role");
            if (role == null || role.isBlank()) {
                throw VllmException.badRequest("each message needs a 'role' but got " + message);
            }
            result.add(new ChatTemplate.Message(role, content(message.get("content"))));
        }
        return result;
    }

    private static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isObject() && "text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
                } else {
                    throw VllmException.badRequest("only text content parts are supported but got " + part);
                }
            }
            return text.toString();
        }
        throw VllmException.badRequest("'content' must be a string or an array of parts but was " + content);
    }
}
