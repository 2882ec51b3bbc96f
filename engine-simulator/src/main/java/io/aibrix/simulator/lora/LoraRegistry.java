package io.aibrix.simulator.lora;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aibrix.simulator.api.VllmException;
import io.aibrix.simulator.tokenizer.Hashing;

/**
 * The adapters this engine serves, in load order. Loading only registers the adapter (vLLM's CPU-side load); a GPU
 * slot is taken when a request first uses it. An absolute local path must exist; other paths (hub ids, URLs) are
 * taken as given, since the simulator has no weights to fetch.
 */
public final class LoraRegistry {

    private final int maxLoras;
    private final Map<String, Adapter> adapters = new LinkedHashMap<>();

    public LoraRegistry(int maxLoras) {
        this.maxLoras = maxLoras;
    }

    /** @param key the adapter's extra key in block hashes, never 0 (the base model's) */
    public record Adapter(String name, String path, long key, long createdEpochSeconds) {
    }

    public synchronized Adapter load(String name, String path, long nowEpochSeconds) {
        if (name == null || name.isBlank() || path == null || path.isBlank()) {
            throw VllmException.invalidUserInput("Both 'lora_name' and 'lora_path' must be provided.");
        }
        if (maxLoras == 0) {
            throw VllmException.invalidUserInput("LoRA is not enabled (simulator.lora.max-loras is 0); cannot load '"
                    + name + "'.");
        }
        if (adapters.containsKey(name)) {
            throw VllmException.invalidUserInput("The lora adapter '" + name + "' has already been loaded.");
        }
        if (path.startsWith("/") && !Files.exists(Path.of(path))) {
            throw VllmException.notFound("No adapter found for " + path);
        }
        long key = Hashing.hash("lora:" + name) | 1;
        Adapter adapter = new Adapter(name, path, key, nowEpochSeconds);
        adapters.put(name, adapter);
        return adapter;
    }

    public synchronized void unload(String name) {
        if (name == null || name.isBlank()) {
            throw VllmException.invalidUserInput("'lora_name' needs to be provided to unload a LoRA adapter.");
        }
        if (adapters.remove(name) == null) {
            throw VllmException.notFound("The lora adapter '" + name + "' cannot be found.");
        }
    }

    public synchronized Optional<Adapter> find(String name) {
        return Optional.ofNullable(adapters.get(name));
    }

    public synchronized List<Adapter> list() {
        return new ArrayList<>(adapters.values());
    }
}
