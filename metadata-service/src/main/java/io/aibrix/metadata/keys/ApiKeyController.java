package io.aibrix.metadata.keys;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/v1/users/{name}/api-keys}: a user's keys; DELETE revokes (the record stays, marked revoked). */
@RestController
@RequestMapping("/admin/v1/users/{name}/api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<CreatedApiKey> create(@PathVariable String name,
            @Valid @RequestBody(required = false) @Nullable CreateKeyRequest request) {
        CreatedApiKey created = keys.create(name, request == null ? null : request.name());
        return ResponseEntity.created(URI.create("/admin/v1/users/" + name + "/api-keys/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<ApiKeyView> list(@PathVariable String name) {
        return keys.list(name);
    }

    @DeleteMapping("/{id}")
    ApiKeyView revoke(@PathVariable String name, @PathVariable UUID id) {
        return keys.revoke(name, id);
    }
}
