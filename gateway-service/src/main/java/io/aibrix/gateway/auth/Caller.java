package io.aibrix.gateway.auth;

import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * The authenticated caller of a request: the user its API key belongs to and that user's quotas.
 *
 * @param user      the user's name: the identity for quotas and fairness routing
 * @param rpm       requests per minute, {@code null} = unlimited
 * @param tpm       tokens (prompt + completion) per minute, {@code null} = unlimited
 * @param keyId     the key's id
 * @param keyPrefix the key's display prefix, safe to log
 */
public record Caller(String user, @Nullable Long rpm, @Nullable Long tpm, String keyId, String keyPrefix) {

    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (rpm != null && rpm < 0 || tpm != null && tpm < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
