package io.aibrix.metadata.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link TokenCheck}. */
class TokenCheckTests {

    private final TokenCheck check = new TokenCheck("admin-token-0123456789", "internal-token-0123456789");

    @Test
    void leavesPublicPathsOpen() {
        assertThat(check.check("/v1/models", null)).isInstanceOf(TokenCheck.Open.class);
        assertThat(check.check("/administrator", null)).isInstanceOf(TokenCheck.Open.class);
    }

    @Test
    void grantsTheAdminTokenEverywhereAndTheInternalTokenOnlyOnTheInternalApi() {
        assertThat(check.check("/admin/v1/users", "Bearer admin-token-0123456789")).isInstanceOf(TokenCheck.Granted.class);
        assertThat(check.check("/internal/v1/engines", "Bearer admin-token-0123456789"))
                .isInstanceOf(TokenCheck.Granted.class);
        assertThat(check.check("/internal/v1/engines", "Bearer internal-token-0123456789"))
                .isInstanceOf(TokenCheck.Granted.class);
        assertThat(check.check("/admin/v1/users", "Bearer internal-token-0123456789"))
                .isInstanceOf(TokenCheck.Refused.class);
    }

    @Test
    void tellsAMissingTokenFromAWrongOne() {
        assertThat(check.check("/admin", null)).isInstanceOf(TokenCheck.Missing.class);
        assertThat(check.check("/admin/v1/users", "Bearer ")).isInstanceOf(TokenCheck.Missing.class);
        assertThat(check.check("/admin/v1/users", "Token admin-token-0123456789")).isInstanceOf(TokenCheck.Missing.class);
        assertThat(check.check("/admin/v1/users", "Bearer admin-token-012345678")).isInstanceOf(TokenCheck.Refused.class);
    }

    @Test
    void opensEverythingWhenOff() {
        TokenCheck off = new TokenCheck(null, "internal-token-0123456789");

        assertThat(off.check("/admin/v1/users", null)).isInstanceOf(TokenCheck.Open.class);
    }
}
