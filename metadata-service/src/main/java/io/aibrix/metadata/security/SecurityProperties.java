package io.aibrix.metadata.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code metadata.security.*}: the bearer tokens that guard {@code /admin/v1} and {@code /internal/v1}. The service
 * refuses to start with the check on and no admin token, so a forgotten setting never leaves the API open.
 *
 * @param enabled       {@code false} turns every token check off (local use only)
 * @param adminToken    grants everything; required when enabled, at least {@value #MIN_LENGTH} characters
 * @param internalToken optional; grants only {@code /internal/v1} (key resolution, engine registration), so the
 *                      gateway and engines need not hold the admin token
 */
@ConfigurationProperties("metadata.security")
@Validated
record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String adminToken,
        @Nullable String internalToken) {

    static final int MIN_LENGTH = 16;

    SecurityProperties {
        adminToken = blankToNull(adminToken);
        internalToken = blankToNull(internalToken);
        if (enabled) {
            if (adminToken == null) {
                throw new IllegalArgumentException("metadata.security.admin-token is required (or set"
                        + " metadata.security.enabled=false for local use only)");
            }
            requireLength(adminToken, "metadata.security.admin-token");
            if (internalToken != null) {
                requireLength(internalToken, "metadata.security.internal-token");
                if (internalToken.equals(adminToken)) {
                    throw new IllegalArgumentException(
                            "metadata.security.internal-token must differ from metadata.security.admin-token");
                }
            }
        }
    }

    private static void requireLength(String token, String property) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(property + " must be at least " + MIN_LENGTH + " characters, got "
                    + token.length());
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
