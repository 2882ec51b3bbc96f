package io.aibrix.lora.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** vLLM's runtime LoRA API ({@code /v1/load_lora_adapter}, {@code /v1/unload_lora_adapter}) and {@code /v1/models}. */
public final class EngineClient {

    private static final int MAX_ERROR_LENGTH = 500;

    private final RestClient http;

    private final ObjectMapper json;

    public EngineClient(EngineProperties properties, RestClient.Builder builder, ObjectMapper json) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.requestTimeout());
        this.http = builder.requestFactory(factory).build();
        this.json = json;
    }

    /** @throws EngineCallException when the engine does not answer with a model list */
    public EngineModels models(URI baseUri) {
        JsonNode body = call(() -> http.get().uri(baseUri.resolve("/v1/models")).retrieve().body(JsonNode.class));
        if (body == null || !body.path("data").isArray()) {
            throw EngineCallException.of("GET /v1/models: not a model list", true, null);
        }
        String base = null;
        Map<String, String> adapters = new HashMap<>();
        for (JsonNode card : body.path("data")) {
            String id = card.path("id").asText();
            if (card.path("parent").isTextual()) {
                adapters.put(id, card.path("root").asText(id));
            }
            else if (base == null) {
                base = id;
            }
        }
        return new EngineModels(base, adapters);
    }

    /** @throws EngineCallException when the engine refuses or cannot be reached */
    public void load(URI baseUri, String name, String path) {
        post(baseUri.resolve("/v1/load_lora_adapter"), Map.of("lora_name", name, "lora_path", path));
    }

    /** @throws EngineCallException when the engine refuses or cannot be reached */
    public void unload(URI baseUri, String name) {
        post(baseUri.resolve("/v1/unload_lora_adapter"), Map.of("lora_name", name));
    }

    private void post(URI uri, Map<String, String> body) {
        call(() -> http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity());
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        }
        catch (RestClientResponseException ex) {
            HttpStatusCode status = ex.getStatusCode();
            boolean retry = status.is5xxServerError() || status.value() == 404 || status.value() == 408
                    || status.value() == 429;
            throw EngineCallException.of("HTTP " + status.value() + ": " + errorMessage(ex), retry, ex);
        }
        catch (RestClientException ex) {
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw EngineCallException.of(root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()), true, ex);
        }
    }

    /** vLLM's {@code message} (top level or under {@code error}), else the raw body, shortened. */
    private String errorMessage(RestClientResponseException ex) {
        String body = ex.getResponseBodyAsString();
        String message = body;
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("error").path("message").isTextual()) {
                message = node.path("error").path("message").asText();
            }
            else if (node != null && node.path("message").isTextual()) {
                message = node.path("message").asText();
            }
        }
        catch (JsonProcessingException notJson) {
            // keep the raw body
        }
        message = message.isBlank() ? ex.getStatusText() : message.strip();
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }
}
