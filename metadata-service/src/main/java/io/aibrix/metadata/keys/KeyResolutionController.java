package io.aibrix.metadata.keys;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /internal/v1/api-keys/resolve}: the gateway's lookup of a caller's key; 404 if unknown or revoked. */
@RestController
class KeyResolutionController {

    private final ApiKeyService keys;

    KeyResolutionController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping("/internal/v1/api-keys/resolve")
    KeyResolution resolve(@Valid @RequestBody ResolveKeyRequest request) {
        return keys.resolve(request.key());
    }
}
