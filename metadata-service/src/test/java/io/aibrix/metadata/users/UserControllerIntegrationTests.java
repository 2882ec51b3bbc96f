package io.aibrix.metadata.users;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link UserController}. */
class UserControllerIntegrationTests extends MetadataIntegrationTest {

    @Test
    void createsReadsListsReplacesAndDeletesAUser() {
        Api.Response created = api.admin("POST", "/admin/v1/users", "{\"name\":\"alice\",\"rpm\":60,\"tpm\":100000}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/admin/v1/users/alice");
        assertThat(created.json().path("rpm").asLong()).isEqualTo(60);
        assertThat(created.json().path("tpm").asLong()).isEqualTo(100000);

        api.admin("POST", "/admin/v1/users", "{\"name\":\"bob\"}");
        Api.Response bob = api.admin("GET", "/admin/v1/users/bob", null);
        assertThat(bob.json().path("rpm").isNull()).isTrue();
        assertThat(api.admin("GET", "/admin/v1/users", null).json().findValuesAsText("name"))
                .containsExactly("alice", "bob");

        Api.Response replaced = api.admin("PUT", "/admin/v1/users/alice", "{\"rpm\":0,\"tpm\":5}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("rpm").asLong()).isZero();

        assertThat(api.admin("DELETE", "/admin/v1/users/alice", null).status()).isEqualTo(204);
        assertThat(api.admin("GET", "/admin/v1/users/alice", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST | /admin/v1/users       | {"name":"alice","rpm":-1}  | rpm  | -1
            POST | /admin/v1/users       | {"name":"alice","tpm":-5}  | tpm  | -5
            POST | /admin/v1/users       | {"name":"al/ice"}          | name | 'al/ice'
            POST | /admin/v1/users       | {"rpm":1}                  | name | null
            PUT  | /admin/v1/users/carol | {"rpm":-2}                 | rpm  | -2
            PUT  | /admin/v1/users/carol | {"tpm":"many"}             | tpm  | 'many'
            """)
    void refusesInvalidLimitsAndNamesWithABadRequestNamingTheField(String method, String path, String body,
            String field, String value) {
        api.admin("POST", "/admin/v1/users", "{\"name\":\"carol\"}");

        Api.Response response = api.admin(method, path, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.detail()).startsWith("Field '" + field + "'").endsWith("(rejected value: " + value + ")");
    }

    @Test
    void refusesADuplicateUserWithAConflict() {
        api.admin("POST", "/admin/v1/users", "{\"name\":\"alice\"}");

        Api.Response response = api.admin("POST", "/admin/v1/users", "{\"name\":\"alice\",\"rpm\":1}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.detail()).isEqualTo("A user named 'alice' already exists");
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        assertThat(api.admin("GET", "/admin/v1/users/ghost", null).detail()).isEqualTo("User 'ghost' does not exist");
        assertThat(api.admin("PUT", "/admin/v1/users/ghost", "{}").status()).isEqualTo(404);
        assertThat(api.admin("DELETE", "/admin/v1/users/ghost", null).status()).isEqualTo(404);
    }
}
