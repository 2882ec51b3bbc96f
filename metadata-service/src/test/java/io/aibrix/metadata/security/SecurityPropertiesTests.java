package io.aibrix.metadata.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link SecurityProperties}. */
class SecurityPropertiesTests {

    @Test
    void refusesToRunWithoutAnAdminTokenUnlessTheCheckIsOff() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecurityProperties(true, null, null))
                .withMessageContaining("metadata.security.admin-token is required");
        assertThatIllegalArgumentException().isThrownBy(() -> new SecurityProperties(true, "  ", null));

        assertThat(new SecurityProperties(false, null, null).adminToken()).isNull();
    }

    @Test
    void refusesShortOrSharedTokens() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecurityProperties(true, "short", null))
                .withMessage("metadata.security.admin-token must be at least 16 characters, got 5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityProperties(true, "0123456789abcdef", "0123456789abcdef"))
                .withMessageContaining("must differ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityProperties(true, "0123456789abcdef", "tiny"));
    }
}
