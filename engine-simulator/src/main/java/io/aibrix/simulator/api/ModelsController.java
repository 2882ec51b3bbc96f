package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.lora.LoraRegistry;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the base model card, then one card per loaded adapter ({@code parent} = base model). */
@RestController
class ModelsController {

    private final JsonBodies json;
    private final GenerationService generation;
    private final LoraRegistry adapters;
    private final long startedEpochSeconds;

    ModelsController(JsonBodies json, GenerationService generation, LoraRegistry adapters,
            StartTime startTime) {
        this.json = json;
        this.generation = generation;
        this.adapters = adapters;
        this.startedEpochSeconds = startTime.epochSeconds();
    }

    /** When this engine started, for {@code created} fields. */
    record StartTime(long epochSeconds) {
    }

    @GetMapping("/v1/models")
    ResponseEntity<String> models() {
        ObjectNode body = json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        String base = generation.baseModel();
        ObjectNode baseCard = card(base, startedEpochSeconds, base);
        baseCard.putNull("parent");
        baseCard.put("max_model_len", generation.maxModelLength());
        addPermission(baseCard, startedEpochSeconds);
        data.add(baseCard);
        for (LoraRegistry.Adapter adapter : adapters.list()) {
            ObjectNode card = card(adapter.name(), adapter.createdEpochSeconds(), adapter.path());
            card.put("parent", base);
            card.putNull("max_model_len");
            addPermission(card, adapter.createdEpochSeconds());
            data.add(card);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.write(body));
    }

    private ObjectNode card(String id, long created, String root) {
        return json.object().put("id", id).put("object", "model").put("created", created).put("owned_by", "vllm")
                .put("root", root);
    }

    private void addPermission(ObjectNode card, long created) {
        ObjectNode permission = json.object()
                .put("id", "modelperm-" + Long.toHexString(created ^ card.get("id").asText().hashCode()))
                .put("object", "model_permission").put("created", created)
                .put("allow_create_engine", false).put("allow_sampling", true).put("allow_logprobs", true)
                .put("allow_search_indices", false).put("allow_view", true).put("allow_fine_tuning", false)
                .put("organization", "*");
        permission.putNull("group");
        permission.put("is_blocking", false);
        card.putArray("permission").add(permission);
    }
}
