package io.aibrix.metadata.keys;

import java.time.Instant;
import java.util.UUID;

import org.springframework.lang.Nullable;

/** An API key as listings show it: never the secret, only its first characters. */
record ApiKeyView(UUID id, String user, @Nullable String name, String prefix, Instant createdAt,
        @Nullable Instant revokedAt) {
}
