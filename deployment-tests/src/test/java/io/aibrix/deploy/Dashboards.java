package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Grafana dashboards in observability/grafana/dashboards and the queries in them. */
final class Dashboards {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    static Path directory() {
        return DeployFiles.path("observability/grafana/dashboards");
    }

    /** Every dashboard, by file name without .json. */
    static Map<String, JsonNode> all() {
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString().replaceFirst("\\.json$", ""),
                        JSON.readTree(file.toFile()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dashboards;
    }

    /** Panels at any depth (rows hold panels of their own). */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        return panels;
    }

    private static void collectPanels(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            into.add(panel);
            collectPanels(panel.path("panels"), into);
        }
    }

    /** Every PromQL expression of the panels and every query of the template variables. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.get("expr").asText());
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            queries.add(query.isObject() ? query.path("query").asText() : query.asText());
        }
        return queries;
    }

    static Set<String> metricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        queries(dashboard).forEach(query -> names.addAll(PromQl.metricNames(query)));
        return names;
    }
}
