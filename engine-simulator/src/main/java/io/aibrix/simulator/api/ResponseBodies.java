package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.engine.FinishReason;
import io.aibrix.simulator.engine.FinishedRequest;

/**
 * vLLM's OpenAI response and stream-chunk bodies, field for field and in vLLM's field order, for
 * {@code chat.completion(.chunk)} and {@code text_completion}.
 */
final class ResponseBodies {

    private final JsonBodies json;
    private final boolean promptTokensDetails;

    ResponseBodies(JsonBodies json, boolean promptTokensDetails) {
        this.json = json;
        this.promptTokensDetails = promptTokensDetails;
    }

    /** Identity of one response: its id, object type, creation time and served model name. */
    record Envelope(String id, String object, long created, String model) {
    }

    String chatRoleChunk(Envelope e) {
        ObjectNode delta = json.object().put("role", "assistant").put("content", "");
        return json.write(chunk(e, chatChoice(delta, null)));
    }

    String chatContentChunk(Envelope e, String text, FinishReason finish) {
        ObjectNode delta = json.object().put("content", text);
        return json.write(chunk(e, chatChoice(delta, finish)));
    }

    String completionChunk(Envelope e, String text, FinishReason finish) {
        ObjectNode choice = json.object().put("index", 0).put("text", text);
        choice.putNull("logprobs");
        putFinish(choice, finish);
        choice.putNull("stop_reason");
        return json.write(chunk(e, choice));
    }

    /** The {@code include_usage} chunk: no choices, only usage. */
    String usageChunk(Envelope e, FinishedRequest finished) {
        ObjectNode body = header(e);
        body.putArray("choices");
        body.set("usage", usage(finished));
        return json.write(body);
    }

    /** @param kvTransfer the {@code kv_transfer_params} to answer, or null */
    String chatCompletion(Envelope e, String text, FinishedRequest finished, JsonNode kvTransfer) {
        ObjectNode body = header(e);
        ObjectNode message = json.object().put("role", "assistant").put("content", text);
        message.putArray("tool_calls");
        ObjectNode choice = json.object().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        putFinish(choice, finished.reason());
        choice.putNull("stop_reason");
        body.putArray("choices").add(choice);
        body.set("usage", usage(finished));
        body.putNull("prompt_logprobs");
        body.set("kv_transfer_params", kvTransfer);
        return json.write(body);
    }

    /** @param kvTransfer the {@code kv_transfer_params} to answer, or null */
    String completion(Envelope e, String text, FinishedRequest finished, JsonNode kvTransfer) {
        ObjectNode body = header(e);
        ObjectNode choice = json.object().put("index", 0).put("text", text);
        choice.putNull("logprobs");
        putFinish(choice, finished.reason());
        choice.putNull("stop_reason");
        choice.putNull("prompt_logprobs");
        body.putArray("choices").add(choice);
        body.set("usage", usage(finished));
        body.set("kv_transfer_params", kvTransfer);
        return json.write(body);
    }

    ObjectNode usage(FinishedRequest f) {
        ObjectNode usage = json.object()
                .put("prompt_tokens", f.promptTokens())
                .put("total_tokens", f.totalTokens())
                .put("completion_tokens", f.completionTokens());
        if (promptTokensDetails) {
            usage.set("prompt_tokens_details", json.object().put("cached_tokens", f.cachedTokens()));
        } else {
            usage.putNull("prompt_tokens_details");
        }
        return usage;
    }

    private ObjectNode chatChoice(ObjectNode delta, FinishReason finish) {
        ObjectNode choice = json.object().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        putFinish(choice, finish);
        if (finish != null) {
            choice.putNull("stop_reason");
        }
        return choice;
    }

    private ObjectNode chunk(Envelope e, ObjectNode choice) {
        ObjectNode body = header(e);
        ArrayNode choices = body.putArray("choices");
        choices.add(choice);
        return body;
    }

    private ObjectNode header(Envelope e) {
        return json.object().put("id", e.id()).put("object", e.object()).put("created", e.created())
                .put("model", e.model());
    }

    private static void putFinish(ObjectNode choice, FinishReason finish) {
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish.wireName());
        }
    }
}
