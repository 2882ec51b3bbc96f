package io.aibrix.metadata.models;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Models: create, read, replace, delete. A model that LoRA adapters are built on cannot be deleted. */
@Service
@Transactional
public class ModelService {

    private static final String KIND = "model";

    private final ModelRepository models;

    private final ServedNames names;

    private final JdbcClient jdbc;

    private final Clock clock;

    ModelService(ModelRepository models, ServedNames names, JdbcClient jdbc, Clock clock) {
        this.models = models;
        this.names = names;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    ModelView create(String name, ModelSpec spec) {
        String owner = names.ownerOf(name);
        if (owner != null) {
            throw ConflictException.duplicate(owner, name);
        }
        return models.save(new Model(name, spec, clock.instant())).view();
    }

    @Transactional(readOnly = true)
    public List<ModelView> list() {
        return models.findAllByOrderByNameAsc().stream().map(Model::view).toList();
    }

    @Transactional(readOnly = true)
    public ModelView get(String name) {
        return find(name).view();
    }

    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return models.existsById(name);
    }

    ModelView replace(String name, ModelSpec spec) {
        Model model = find(name);
        model.apply(spec, clock.instant());
        return models.saveAndFlush(model).view();
    }

    void delete(String name) {
        Model model = find(name);
        List<String> adapters = jdbc.sql("SELECT name FROM lora_adapters WHERE base_model = :name ORDER BY name")
                .param("name", name)
                .query(String.class)
                .list();
        if (!adapters.isEmpty()) {
            throw ConflictException.because("Model '" + name + "' is the base model of LoRA adapters " + adapters
                    + "; delete them first", Map.of("name", name, "adapters", adapters));
        }
        models.delete(model);
    }

    private Model find(String name) {
        return models.findById(name).orElseThrow(() -> NotFoundException.of(KIND, name));
    }
}
