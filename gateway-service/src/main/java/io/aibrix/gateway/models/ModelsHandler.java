package io.aibrix.gateway.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.openai.ErrorBodies;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/models}: the union of the models the gateway can route right now (at least one ready engine), in the
 * OpenAI list shape; {@code GET /v1/models/{id}} for one of them (IDs may contain '/').
 */
final class ModelsHandler {

    /** The gateway learns models from discovery, which carries no creation time. */
    private static final long CREATED = 0;

    private final EndpointRegistry endpoints;
    private final String owner;

    ModelsHandler(EndpointRegistry endpoints, String owner) {
        this.endpoints = endpoints;
        this.owner = owner;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        EndpointSnapshot snapshot = endpoints.current();
        List<Map<String, Object>> data = new ArrayList<>();
        for (String model : snapshot.models()) {
            if (!snapshot.readyEndpoints(model).isEmpty()) {
                data.add(model(model));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    Mono<ServerResponse> get(ServerRequest request) {
        String id = request.pathVariable("id");
        String model = id.startsWith("/") ? id.substring(1) : id;
        EndpointSnapshot snapshot = endpoints.current();
        if (!snapshot.serves(model) || snapshot.readyEndpoints(model).isEmpty()) {
            byte[] error = ErrorBodies.json(404, "The model '" + model + "' does not exist", "model",
                    "model_not_found");
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(error);
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(model(model));
    }

    private Map<String, Object> model(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", CREATED);
        model.put("owned_by", owner);
        return model;
    }
}
