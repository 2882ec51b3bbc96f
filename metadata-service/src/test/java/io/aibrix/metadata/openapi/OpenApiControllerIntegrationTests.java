package io.aibrix.metadata.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.aibrix.metadata.Api;
import io.aibrix.metadata.MetadataIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link OpenApiController}: the document is served and lists every controller mapping. */
class OpenApiControllerIntegrationTests extends MetadataIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void servesTheDocumentAsJsonAndYaml() {
        Api.Response json = api.send("GET", "/v3/api-docs", null, Map.of());
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("openapi").asText()).isEqualTo("3.1.0");

        Api.Response yaml = api.send("GET", "/v3/api-docs.yaml", null, Map.of());
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.raw().body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void documentsEveryControllerMappingAndNothingElse() {
        JsonNode paths = api.send("GET", "/v3/api-docs", null, Map.of()).json().path("paths");
        List<String> served = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    served.add(method.name().toLowerCase(Locale.ROOT) + " " + pattern);
                }
            }
        }
        List<String> documented = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("parameters")) {
                documented.add(operation.getKey() + " " + path.getKey());
            }
        }));

        assertThat(served).hasSizeGreaterThan(25);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }
}
