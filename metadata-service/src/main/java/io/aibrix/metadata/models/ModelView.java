package io.aibrix.metadata.models;

import java.time.Instant;
import java.util.Map;

import org.springframework.lang.Nullable;

/** A model as the API shows it. */
public record ModelView(
        String name,
        String engineType,
        @Nullable String baseModel,
        @Nullable Integer maxModelLen,
        Map<String, String> labels,
        Instant createdAt,
        Instant updatedAt) {
}
