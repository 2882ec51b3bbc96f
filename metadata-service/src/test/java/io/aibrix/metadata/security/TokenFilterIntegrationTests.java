package io.aibrix.metadata.security;

import java.util.Map;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link TokenFilter} in the running service, and for the problem answers of unknown paths. */
class TokenFilterIntegrationTests extends MetadataIntegrationTest {

    @Test
    void answersUnauthorizedWithoutABearerToken() {
        for (String path : new String[] {"/admin/v1/models", "/internal/v1/engines", "/admin/v1/nowhere"}) {
            Api.Response response = api.send("GET", path, null, Map.of());
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"metadata-service\"");
            assertThat(response.json().path("instance").asText()).isEqualTo(path);
        }
        assertThat(api.send("GET", "/admin/v1/models", null, Map.of("Authorization", "Basic abc")).status())
                .isEqualTo(401);
    }

    @Test
    void answersForbiddenForAWrongTokenAndForTheInternalTokenOnTheAdminApi() {
        Api.Response wrong = api.send("GET", "/admin/v1/models", null, Map.of("Authorization", "Bearer nope"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.detail()).isEqualTo("The bearer token is not valid for this path");

        Api.Response internal = api.internal("GET", "/admin/v1/models", null);
        assertThat(internal.status()).isEqualTo(403);
        assertThat(internal.detail()).contains("/admin/v1 needs the admin token");

        assertThat(api.internal("GET", "/internal/v1/engines", null).status()).isEqualTo(200);
        assertThat(api.admin("GET", "/internal/v1/engines", null).status()).isEqualTo(200);
        assertThat(api.send("GET", "/admin/v1/models", null, Map.of("Authorization", "bearer " + ADMIN_TOKEN))
                .status()).isEqualTo(200);
    }

    @Test
    void keepsThePublicPathsOpen() {
        assertThat(api.send("GET", "/v1/models", null, Map.of()).status()).isEqualTo(200);
        assertThat(api.send("GET", "/v1/registry/endpoints", null, Map.of()).status()).isEqualTo(200);
        assertThat(api.send("GET", "/v3/api-docs", null, Map.of()).status()).isEqualTo(200);
        assertThat(api.send("GET", "/actuator/health", null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void cannotBeBypassedWithDotSegments() {
        Api.Response response = api.send("GET", "/v1/../admin/v1/models", null, Map.of());

        assertThat(response.status()).isIn(400, 401);
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        Api.Response unknown = api.admin("GET", "/admin/v1/nowhere", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        assertThat(unknown.json().path("instance").asText()).isEqualTo("/admin/v1/nowhere");

        Api.Response outside = api.send("GET", "/nowhere", null, Map.of());
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.contentType()).isEqualTo("application/problem+json");

        Api.Response method = api.send("DELETE", "/v1/models", null, Map.of());
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).isEqualTo("application/problem+json");

        Api.Response mediaType = api.send("POST", "/admin/v1/models", "name=x",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "text/plain"));
        assertThat(mediaType.status()).isEqualTo(415);
    }
}
