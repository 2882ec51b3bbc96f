package io.aibrix.metadata.users;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.lang.Nullable;

/**
 * A user's quotas: the body of {@code PUT /admin/v1/users/{name}}.
 *
 * @param rpm requests per minute; {@code null} = unlimited, {@code 0} = no requests
 * @param tpm tokens (prompt + completion) per minute; {@code null} = unlimited, {@code 0} = no tokens
 */
record UserLimits(@Nullable @PositiveOrZero Long rpm, @Nullable @PositiveOrZero Long tpm) {
}
