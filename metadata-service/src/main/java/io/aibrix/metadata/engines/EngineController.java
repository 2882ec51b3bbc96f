package io.aibrix.metadata.engines;

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

/** {@code /internal/v1/engines}: engines register, send heartbeats and deregister themselves. */
@RestController
@RequestMapping("/internal/v1/engines")
class EngineController {

    private final EngineService engines;

    EngineController(EngineService engines) {
        this.engines = engines;
    }

    /** 201 for a new (or expired) entry, 200 for a replaced live one. */
    @PutMapping("/{name}")
    ResponseEntity<EngineView> register(@PathVariable String name, @Valid @RequestBody RegisterEngineRequest request) {
        EngineService.Registration registration = engines.register(name, request);
        if (registration.created()) {
            return ResponseEntity.created(URI.create("/internal/v1/engines/" + name)).body(registration.engine());
        }
        return ResponseEntity.ok(registration.engine());
    }

    @PostMapping("/{name}/heartbeat")
    EngineView heartbeat(@PathVariable String name) {
        return engines.heartbeat(name);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> deregister(@PathVariable String name) {
        engines.deregister(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<EngineView> list() {
        return engines.list();
    }

    @GetMapping("/{name}")
    EngineView get(@PathVariable String name) {
        return engines.get(name);
    }
}
