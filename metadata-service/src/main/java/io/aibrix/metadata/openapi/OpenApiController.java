package io.aibrix.metadata.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI document, hand-maintained in {@code openapi.yaml} (springdoc is not available to this build): served
 * as YAML at {@code /v3/api-docs.yaml} and as JSON at {@code /v3/api-docs}. A test checks that every controller
 * mapping appears in it.
 */
@RestController
class OpenApiController {

    static final String RESOURCE = "openapi.yaml";

    private final String yaml;

    private final String json;

    OpenApiController(ObjectMapper mapper) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            this.json = mapper.writeValueAsString(document);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException(RESOURCE + " cannot be written as JSON", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(RESOURCE + " is missing from the classpath", ex);
        }
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping(path = "/v3/api-docs.yaml")
    ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(yaml);
    }
}
