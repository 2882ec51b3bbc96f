package io.aibrix.metadata.openai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.aibrix.metadata.adapters.AdapterPhase;
import io.aibrix.metadata.adapters.AdapterService;
import io.aibrix.metadata.models.ModelService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/models}: what clients may name in {@code "model"}: every base model, plus every adapter that is
 * Running somewhere. Open without a token, like the OpenAI endpoint it mirrors.
 */
@RestController
class OpenAiModelsController {

    private final ModelService models;

    private final AdapterService adapters;

    OpenAiModelsController(ModelService models, AdapterService adapters) {
        this.models = models;
        this.adapters = adapters;
    }

    @GetMapping("/v1/models")
    ModelList list() {
        List<ModelList.Entry> entries = new ArrayList<>();
        models.list().forEach(model -> entries.add(ModelList.Entry.model(model.name(),
                model.createdAt().getEpochSecond())));
        adapters.list(null, Optional.of(AdapterPhase.RUNNING)).forEach(adapter -> entries.add(
                ModelList.Entry.adapter(adapter.name(), adapter.createdAt().getEpochSecond(), adapter.baseModel())));
        entries.sort(Comparator.comparing(ModelList.Entry::id));
        return ModelList.of(entries);
    }
}
