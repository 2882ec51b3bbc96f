package io.aibrix.metadata.engines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/** A registered engine as the admin API shows it, with the instant it expires unless heard from again. */
record EngineView(
        String name,
        String host,
        int port,
        @Nullable Integer metricsPort,
        @Nullable String role,
        boolean ready,
        List<String> models,
        Map<String, String> labels,
        Instant registeredAt,
        Instant lastHeartbeatAt,
        Instant expiresAt) {
}
