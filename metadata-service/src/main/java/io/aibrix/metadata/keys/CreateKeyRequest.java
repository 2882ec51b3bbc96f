package io.aibrix.metadata.keys;

import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/** Body of {@code POST /admin/v1/users/{name}/api-keys} (optional). @param name a label such as "laptop" */
record CreateKeyRequest(@Nullable @Size(min = 1, max = 100) String name) {
}
