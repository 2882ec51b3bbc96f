package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The documents of one {@code helm template} output, each read by fabric8 as the Kubernetes object its apiVersion and
 * kind name. Reading is strict: a field fabric8's model of that kind does not have (a misspelt or misplaced key, which
 * the API server would drop or refuse) is an error, as is a value of the wrong type.
 */
final class Manifests {

    /** Kinds of the Prometheus Operator, which fabric8's core model does not cover; read as generic objects. */
    static final Set<String> OPERATOR_KINDS = Set.of("ServiceMonitor", "PodMonitor");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(read(document));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("helm template output is not YAML", e);
        }
        return new Manifests(objects);
    }

    private static HasMetadata read(JsonNode document) {
        String kind = document.path("kind").asText();
        String where = document.path("apiVersion").asText() + " " + kind + " "
                + document.path("metadata").path("name").asText();
        Object object;
        try {
            object = KUBERNETES.unmarshal(document.toString());
        }
        catch (RuntimeException e) {
            throw new AssertionError(where + " is not a valid " + kind + ": " + e.getMessage(), e);
        }
        if (!(object instanceof HasMetadata resource)) {
            throw new AssertionError(where + " is not a Kubernetes object");
        }
        if (resource instanceof GenericKubernetesResource) {
            if (!OPERATOR_KINDS.contains(kind)) {
                throw new AssertionError(where + ": fabric8 knows no such kind");
            }
            return resource;
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(resource, kind, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + " has fields its kind does not define: " + unknown);
        }
        return resource;
    }

    /** Walks fabric8's model objects; anything Jackson put into additionalProperties was not a field of the type. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown,
            Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            }
            catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            collectUnknownFields(value, path + "." + field, unknown, seen);
        }
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o instanceof GenericKubernetesResource)
                .map(GenericKubernetesResource.class::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + names()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
