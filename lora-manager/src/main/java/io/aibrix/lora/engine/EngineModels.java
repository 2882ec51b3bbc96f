package io.aibrix.lora.engine;

import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * What an engine's {@code /v1/models} says it serves.
 *
 * @param baseModel the card without a parent
 * @param adapters  LoRA adapters (cards with a parent), name to {@code root}: the path they were loaded from
 */
public record EngineModels(@Nullable String baseModel, Map<String, String> adapters) {

    public EngineModels {
        adapters = Map.copyOf(adapters);
    }
}
