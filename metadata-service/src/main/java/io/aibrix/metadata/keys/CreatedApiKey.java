package io.aibrix.metadata.keys;

import java.time.Instant;
import java.util.UUID;

import org.springframework.lang.Nullable;

/** The answer to a key creation, the only time the secret {@code key} is ever shown. */
record CreatedApiKey(UUID id, String user, @Nullable String name, String prefix, String key, Instant createdAt) {

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", user=" + user + ", prefix=" + prefix + "]";
    }
}
