package io.aibrix.metadata.models;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/v1/models}: the base models the platform serves. */
@RestController
@RequestMapping("/admin/v1/models")
class ModelController {

    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    @PostMapping
    ResponseEntity<ModelView> create(@Valid @RequestBody CreateModelRequest request) {
        ModelView created = models.create(request.name(), request.spec());
        return ResponseEntity.created(URI.create("/admin/v1/models/" + created.name())).body(created);
    }

    @GetMapping
    List<ModelView> list() {
        return models.list();
    }

    @GetMapping("/{name}")
    ModelView get(@PathVariable String name) {
        return models.get(name);
    }

    @PutMapping("/{name}")
    ModelView replace(@PathVariable String name, @Valid @RequestBody ModelSpec spec) {
        return models.replace(name, spec);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        models.delete(name);
        return ResponseEntity.noContent().build();
    }
}
