package io.aibrix.metadata.adapters;

import java.time.Instant;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * An adapter as the API shows it: its desired state, the generation of that state (incremented by every spec
 * change) and its status.
 */
public record AdapterView(
        String name,
        String baseModel,
        String artifactUrl,
        Map<String, String> podSelector,
        @Nullable Integer replicas,
        String schedulingPolicy,
        long generation,
        AdapterStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
