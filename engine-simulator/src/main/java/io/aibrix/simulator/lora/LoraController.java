package io.aibrix.simulator.lora;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.api.JsonBodies;
import io.aibrix.simulator.engine.EngineCore;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** vLLM's runtime LoRA endpoints; success answers are plain text, exactly as vLLM writes them. */
@RestController
class LoraController {

    private final LoraRegistry registry;
    private final EngineCore engine;
    private final JsonBodies json;
    private final Clock clock;

    LoraController(LoraRegistry registry, EngineCore engine, JsonBodies json, Clock clock) {
        this.registry = registry;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/v1/load_lora_adapter")
    ResponseEntity<String> load(@RequestBody(required = false) String body) {
        JsonNode request = json.parse(body);
        String name = JsonBodies.text(request, "lora_name");
        registry.load(name, JsonBodies.text(request, "lora_path"), clock.millis() / 1000);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body("Success: LoRA adapter '" + name + "' added successfully.");
    }

    @PostMapping("/v1/unload_lora_adapter")
    ResponseEntity<String> unload(@RequestBody(required = false) String body) {
        String name = JsonBodies.text(json.parse(body), "lora_name");
        registry.unload(name);
        engine.evictAdapter(name);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body("Success: LoRA adapter '" + name + "' removed successfully.");
    }
}
