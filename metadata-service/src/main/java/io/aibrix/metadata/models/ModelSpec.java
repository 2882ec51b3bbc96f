package io.aibrix.metadata.models;

import java.util.Map;

import io.aibrix.metadata.validation.ResourceName;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/**
 * The mutable part of a model, the body of {@code PUT /admin/v1/models/{name}} (and, with the name, of a create).
 *
 * @param engineType  the engine serving it; lower-case, default {@code vllm}
 * @param baseModel   the weights it is served from, e.g. a Hugging Face id; optional
 * @param maxModelLen context length in tokens; optional
 * @param labels      free-form metadata
 */
record ModelSpec(
        @Nullable @Pattern(regexp = "[a-z][a-z0-9-]{0,31}",
                message = "must be 1-32 lower-case letters, digits or '-', starting with a letter") String engineType,
        @Nullable @Size(min = 1, max = 255) String baseModel,
        @Nullable @Positive Integer maxModelLen,
        @Nullable @Size(max = 64) Map<@ResourceName String, @Size(max = 255) String> labels) {

    static final String DEFAULT_ENGINE_TYPE = "vllm";

    ModelSpec {
        engineType = engineType == null ? DEFAULT_ENGINE_TYPE : engineType;
        labels = labels == null ? Map.of() : labels;
    }
}
