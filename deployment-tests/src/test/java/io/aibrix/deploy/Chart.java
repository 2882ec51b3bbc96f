package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The repository's Helm chart, linted and rendered through helm-java (which bundles Helm itself).
 */
final class Chart {

    static final String RELEASE = "aibrix";
    static final String NAMESPACE = "llm";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Manifests defaults;
    private static Manifests example;

    private Chart() {
    }

    static Path directory() {
        return DeployFiles.path("helm/aibrix");
    }

    static Path exampleValues() {
        return directory().resolve("examples/vllm-values.yaml");
    }

    /** Renders the chart with the given values files (none: the defaults) and {@code --set} pairs. */
    static Manifests render(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return Manifests.parse(template.call());
    }

    /** The defaults, rendered once per JVM (tests only read the objects). */
    static synchronized Manifests renderDefaults() {
        if (defaults == null) {
            defaults = render(List.of(), Map.of());
        }
        return defaults;
    }

    /** The vLLM example, rendered once per JVM. */
    static synchronized Manifests renderExample() {
        if (example == null) {
            example = render(List.of(exampleValues()), Map.of());
        }
        return example;
    }

    /**
     * {@code helm lint --strict} of the chart with these values over its defaults. helm-java's lint takes no values
     * file, so a copy of the chart gets the merged values as its values.yaml (Helm's rule: maps merge key by key,
     * anything else is replaced).
     */
    static LintResult lint(Path workDirectory, List<Path> valuesFiles) {
        try {
            if (valuesFiles.isEmpty()) {
                return new Helm(directory()).lint().strict().call();
            }
            Path copy = workDirectory.resolve("aibrix");
            copyTree(directory(), copy);
            Map<String, Object> values = read(directory().resolve("values.yaml"));
            for (Path file : valuesFiles) {
                values = merge(values, read(file));
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path yaml) throws IOException {
        Map<String, Object> map = YAML.readValue(yaml.toFile(), Map.class);
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = merged.get(key);
            if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merged.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
            }
            else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
