package io.aibrix.metadata.adapters;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.InvalidFieldException;
import io.aibrix.metadata.errors.NotFoundException;
import io.aibrix.metadata.models.ModelService;
import io.aibrix.metadata.models.ServedNames;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** LoRA adapters: desired state (operators) and status (lora-manager). */
@Service
@Transactional
public class AdapterService {

    private static final String KIND = "LoRA adapter";

    private final AdapterRepository adapters;

    private final ModelService models;

    private final ServedNames names;

    private final Clock clock;

    AdapterService(AdapterRepository adapters, ModelService models, ServedNames names, Clock clock) {
        this.adapters = adapters;
        this.models = models;
        this.names = names;
        this.clock = clock;
    }

    AdapterView create(String name, AdapterSpec spec) {
        requireBaseModel(spec);
        String owner = names.ownerOf(name);
        if (owner != null) {
            throw ConflictException.duplicate(owner, name);
        }
        return adapters.save(new Adapter(name, spec, clock.instant())).view();
    }

    /** Every adapter, by name, optionally only those of one base model and in one phase. */
    @Transactional(readOnly = true)
    public List<AdapterView> list(@Nullable String baseModel, Optional<AdapterPhase> phase) {
        return adapters.findAllByOrderByNameAsc().stream()
                .map(Adapter::view)
                .filter(view -> baseModel == null || view.baseModel().equals(baseModel))
                .filter(view -> phase.isEmpty() || view.status().phase() == phase.get())
                .toList();
    }

    @Transactional(readOnly = true)
    AdapterView get(String name) {
        return find(name).view();
    }

    AdapterView replace(String name, AdapterSpec spec) {
        Adapter adapter = find(name);
        requireBaseModel(spec);
        adapter.apply(spec, clock.instant());
        return adapters.saveAndFlush(adapter).view();
    }

    void delete(String name) {
        adapters.delete(find(name));
    }

    AdapterView updateStatus(String name, StatusRequest request, boolean replace) {
        Adapter adapter = find(name);
        adapter.status(StatusTransitions.next(name, adapter.status(), request, replace, adapter.generation(),
                clock.instant()));
        return adapters.saveAndFlush(adapter).view();
    }

    private void requireBaseModel(AdapterSpec spec) {
        if (!models.exists(spec.baseModel())) {
            throw InvalidFieldException.of("baseModel", spec.baseModel(), "must name an existing model");
        }
    }

    private Adapter find(String name) {
        return adapters.findById(name).orElseThrow(() -> NotFoundException.of(KIND, name));
    }
}
