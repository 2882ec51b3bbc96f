package io.aibrix.metadata.adapters;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.aibrix.metadata.errors.InvalidFieldException;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/v1/adapters}: LoRA adapters, and their status sub-resource written by lora-manager. */
@RestController
@RequestMapping("/admin/v1/adapters")
class AdapterController {

    private final AdapterService adapters;

    AdapterController(AdapterService adapters) {
        this.adapters = adapters;
    }

    @PostMapping
    ResponseEntity<AdapterView> create(@Valid @RequestBody CreateAdapterRequest request) {
        AdapterView created = adapters.create(request.name(), request.spec());
        return ResponseEntity.created(URI.create("/admin/v1/adapters/" + created.name())).body(created);
    }

    @GetMapping
    List<AdapterView> list(@RequestParam(required = false) @Nullable String baseModel,
            @RequestParam(required = false) @Nullable String phase) {
        Optional<AdapterPhase> wanted = Optional.empty();
        if (phase != null) {
            wanted = Optional.of(AdapterPhase.fromLabel(phase).orElseThrow(() -> InvalidFieldException.of("phase",
                    phase, "must be one of " + AdapterPhase.NAMES)));
        }
        return adapters.list(baseModel, wanted);
    }

    @GetMapping("/{name}")
    AdapterView get(@PathVariable String name) {
        return adapters.get(name);
    }

    @PutMapping("/{name}")
    AdapterView replace(@PathVariable String name, @Valid @RequestBody AdapterSpec spec) {
        return adapters.replace(name, spec);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        adapters.delete(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/status")
    AdapterStatus status(@PathVariable String name) {
        return adapters.get(name).status();
    }

    @PutMapping("/{name}/status")
    AdapterView replaceStatus(@PathVariable String name, @Valid @RequestBody StatusRequest request) {
        return adapters.updateStatus(name, request, true);
    }

    @PatchMapping("/{name}/status")
    AdapterView patchStatus(@PathVariable String name, @Valid @RequestBody StatusRequest request) {
        return adapters.updateStatus(name, request, false);
    }
}
