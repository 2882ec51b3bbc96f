package io.aibrix.metadata.keys;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ApiKeyController} and {@link KeyResolutionController}. */
class ApiKeyControllerIntegrationTests extends MetadataIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void alice() {
        api.admin("POST", "/admin/v1/users", "{\"name\":\"alice\",\"rpm\":60,\"tpm\":100000}");
    }

    @Test
    void showsTheSecretOnceStoresOnlyItsHashAndListsKeysByPrefix() {
        Api.Response created = api.admin("POST", "/admin/v1/users/alice/api-keys", "{\"name\":\"laptop\"}");

        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("key").asText();
        String prefix = created.json().path("prefix").asText();
        assertThat(secret).startsWith("sk-aibrix-").hasSize(10 + 43);
        assertThat(prefix).hasSize(18).isEqualTo(secret.substring(0, 18));
        assertThat(created.header("Location")).isEqualTo("/admin/v1/users/alice/api-keys/"
                + created.json().path("id").asText());

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_keys");
        assertThat(row.get("key_hash")).isEqualTo(KeyGenerator.hash(secret));
        assertThat(row.values()).doesNotContain(secret);

        Api.Response listed = api.admin("GET", "/admin/v1/users/alice/api-keys", null);
        JsonNode key = listed.json().get(0);
        assertThat(key.path("prefix").asText()).isEqualTo(prefix);
        assertThat(key.path("name").asText()).isEqualTo("laptop");
        assertThat(key.has("key")).isFalse();
        assertThat(listed.raw().body()).doesNotContain(secret);
    }

    @Test
    void resolvesAKeyToItsUserAndLimitsUntilItIsRevoked() {
        Api.Response created = api.admin("POST", "/admin/v1/users/alice/api-keys", null);
        String secret = created.json().path("key").asText();
        String id = created.json().path("id").asText();

        Api.Response resolved = api.internal("POST", "/internal/v1/api-keys/resolve", "{\"key\":\"" + secret + "\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().path("user").asText()).isEqualTo("alice");
        assertThat(resolved.json().path("rpm").asLong()).isEqualTo(60);
        assertThat(resolved.json().path("tpm").asLong()).isEqualTo(100000);
        assertThat(resolved.json().path("keyId").asText()).isEqualTo(id);

        clock.advance(java.time.Duration.ofMinutes(5));
        Api.Response revoked = api.admin("DELETE", "/admin/v1/users/alice/api-keys/" + id, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").asText()).isEqualTo("2025-06-01T00:05:00Z");
        assertThat(api.admin("DELETE", "/admin/v1/users/alice/api-keys/" + id, null).json().path("revokedAt")
                .asText()).isEqualTo("2025-06-01T00:05:00Z");

        Api.Response afterRevoke = api.admin("POST", "/internal/v1/api-keys/resolve", "{\"key\":\"" + secret + "\"}");
        assertThat(afterRevoke.status()).isEqualTo(404);
        assertThat(afterRevoke.detail()).isEqualTo("Unknown or revoked API key");
    }

    @Test
    void answersNotFoundForAnUnknownKeyAndForTheKeysOfADeletedUser() {
        String secret = api.admin("POST", "/admin/v1/users/alice/api-keys", null).json().path("key").asText();

        Api.Response unknown = api.internal("POST", "/internal/v1/api-keys/resolve",
                "{\"key\":\"sk-aibrix-not-a-key\"}");
        assertThat(unknown.status()).isEqualTo(404);

        api.admin("DELETE", "/admin/v1/users/alice", null);
        assertThat(api.internal("POST", "/internal/v1/api-keys/resolve", "{\"key\":\"" + secret + "\"}").status())
                .isEqualTo(404);
    }

    @Test
    void answersNotFoundForTheKeysOfAnUnknownUserOrAnotherUsersKey() {
        api.admin("POST", "/admin/v1/users", "{\"name\":\"bob\"}");
        String id = api.admin("POST", "/admin/v1/users/alice/api-keys", null).json().path("id").asText();

        assertThat(api.admin("POST", "/admin/v1/users/ghost/api-keys", null).detail())
                .isEqualTo("User 'ghost' does not exist");
        assertThat(api.admin("GET", "/admin/v1/users/ghost/api-keys", null).status()).isEqualTo(404);
        Api.Response foreign = api.admin("DELETE", "/admin/v1/users/bob/api-keys/" + id, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.detail()).isEqualTo("User 'bob' has no API key " + id);
    }

    @Test
    void refusesABlankKeyOrAnOverlongLabelWithABadRequest() {
        Api.Response blank = api.internal("POST", "/internal/v1/api-keys/resolve", "{\"key\":\" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.detail()).startsWith("Field 'key' must not be blank");

        Api.Response label = api.admin("POST", "/admin/v1/users/alice/api-keys", "{\"name\":\"" + "x".repeat(101)
                + "\"}");
        assertThat(label.status()).isEqualTo(400);
        assertThat(label.detail()).startsWith("Field 'name' size must be between 1 and 100");

        Api.Response badId = api.admin("DELETE", "/admin/v1/users/alice/api-keys/not-a-uuid", null);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.detail()).contains("not-a-uuid");
    }
}
