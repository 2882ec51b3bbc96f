package io.aibrix.metadata.keys;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /internal/v1/api-keys/resolve}; the key travels in the body so it never lands in a URL log. */
record ResolveKeyRequest(@NotBlank String key) {

    @Override
    public String toString() {
        return "ResolveKeyRequest[key=<redacted>]";
    }
}
