package io.aibrix.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

/**
 * A structural check of an object against a CRD's openAPIV3Schema: types, required fields, enums, int32 ranges and
 * fields the schema does not declare (which {@code kubectl apply}'s strict field validation refuses). It covers the
 * schema constructs the repository's CRDs use, not all of OpenAPI.
 */
final class CrdSchema {

    private CrdSchema() {
    }

    /** The violations of {@code value} against {@code schema}, each naming its JSON path; empty when it conforms. */
    static List<String> violations(JSONSchemaProps schema, Object value) {
        List<String> violations = new ArrayList<>();
        check(schema, value, "", violations);
        return violations;
    }

    private static void check(JSONSchemaProps schema, Object value, String path, List<String> violations) {
        String where = path.isEmpty() ? "<root>" : path;
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                violations.add(where + ": null");
            }
            return;
        }
        String type = schema.getType();
        if (type != null && !hasType(type, value)) {
            violations.add(where + ": " + value + " is not of type " + type);
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()
                && schema.getEnum().stream().noneMatch(allowed -> allowed.asText().equals(String.valueOf(value)))) {
            violations.add(where + ": " + value + " is not one of " + schema.getEnum());
        }
        if ("int32".equals(schema.getFormat()) && value instanceof Number number
                && (number.longValue() < Integer.MIN_VALUE || number.longValue() > Integer.MAX_VALUE)) {
            violations.add(where + ": " + value + " is out of int32 range");
        }
        if (value instanceof Map<?, ?> map) {
            checkObject(schema, map, path, violations);
        }
        else if (value instanceof List<?> list && schema.getItems() != null && schema.getItems().getSchema() != null) {
            for (int i = 0; i < list.size(); i++) {
                check(schema.getItems().getSchema(), list.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static void checkObject(JSONSchemaProps schema, Map<?, ?> map, String path, List<String> violations) {
        if (schema.getRequired() != null) {
            for (String field : schema.getRequired()) {
                if (!map.containsKey(field)) {
                    violations.add(join(path, field) + ": required");
                }
            }
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        boolean open = properties == null || properties.isEmpty()
                || Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String field = entry.getKey().toString();
            JSONSchemaProps child = properties == null ? null : properties.get(field);
            if (child != null) {
                check(child, entry.getValue(), join(path, field), violations);
            }
            else if (!open) {
                violations.add(join(path, field) + ": unknown field");
            }
        }
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalArgumentException("schema type " + type + " is not supported here");
        };
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
