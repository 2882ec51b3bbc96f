package io.aibrix.metadata.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every curl example of docs/admin-api.md, in order, and checks the status each one documents. */
class AdminApiDocIntegrationTests extends MetadataIntegrationTest {

    private static final Path DOC = Path.of("..", "docs", "admin-api.md");

    @Test
    void everyCurlExampleAnswersTheDocumentedStatus() throws IOException {
        List<CurlExample> examples = CurlExample.parse(Files.readString(DOC));
        Map<String, String> variables = new HashMap<>(Map.of("METADATA", api.baseUrl(),
                "ADMIN_TOKEN", ADMIN_TOKEN, "INTERNAL_TOKEN", INTERNAL_TOKEN));

        for (CurlExample documented : examples) {
            CurlExample example = documented.expand(variables);
            String path = URI.create(example.url()).getRawPath();
            String query = URI.create(example.url()).getRawQuery();
            Api.Response response = api.send(example.method(), query == null ? path : path + "?" + query,
                    example.body(), example.headers());

            assertThat(response.status()).as("%s %s (admin-api.md line %d): %s", example.method(), path,
                    example.line(), response).isEqualTo(example.status());
            if (response.status() >= 400) {
                assertThat(response.contentType()).isEqualTo("application/problem+json");
            }
            example.captures().forEach((name, field) -> variables.put(name, response.json().path(field).asText()));
        }
        assertThat(examples).hasSizeGreaterThan(40);
        assertThat(examples.stream().map(CurlExample::method).distinct())
                .containsExactlyInAnyOrder("GET", "POST", "PUT", "PATCH", "DELETE");
    }
}
