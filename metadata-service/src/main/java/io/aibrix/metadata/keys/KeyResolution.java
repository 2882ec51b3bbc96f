package io.aibrix.metadata.keys;

import java.util.UUID;

import org.springframework.lang.Nullable;

/**
 * What the gateway needs to admit a request made with a key: whose it is and that user's quotas.
 *
 * @param user      the user's name (the identity for quotas and fairness)
 * @param rpm       requests per minute; {@code null} = unlimited
 * @param tpm       tokens per minute; {@code null} = unlimited
 * @param keyId     the key's id
 * @param keyPrefix the key's display prefix, for logs
 */
record KeyResolution(String user, @Nullable Long rpm, @Nullable Long tpm, UUID keyId, String keyPrefix) {
}
