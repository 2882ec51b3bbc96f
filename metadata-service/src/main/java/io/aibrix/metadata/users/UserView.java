package io.aibrix.metadata.users;

import java.time.Instant;

import org.springframework.lang.Nullable;

/** A user as the API shows it; {@code null} limits are unlimited. */
public record UserView(String name, @Nullable Long rpm, @Nullable Long tpm, Instant createdAt, Instant updatedAt) {
}
