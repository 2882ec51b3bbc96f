package io.aibrix.metadata.models;

import java.util.Map;

import io.aibrix.metadata.validation.ResourceName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/** Body of {@code POST /admin/v1/models}: the name plus a {@link ModelSpec}. */
record CreateModelRequest(
        @NotNull @ResourceName String name,
        @Nullable @Pattern(regexp = "[a-z][a-z0-9-]{0,31}",
                message = "must be 1-32 lower-case letters, digits or '-', starting with a letter") String engineType,
        @Nullable @Size(min = 1, max = 255) String baseModel,
        @Nullable @Positive Integer maxModelLen,
        @Nullable @Size(max = 64) Map<@ResourceName String, @Size(max = 255) String> labels) {

    ModelSpec spec() {
        return new ModelSpec(engineType, baseModel, maxModelLen, labels);
    }
}
