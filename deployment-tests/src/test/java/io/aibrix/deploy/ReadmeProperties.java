package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties the README's Configuration tables document, per service section, as patterns: {@code <name>} and
 * {@code [i]} stand for any map key and any index, and a cell such as {@code `a.b.c`, `d`} or
 * {@code `a.b.c` / `.d`} documents {@code a.b.c} and {@code a.b.d}.
 */
final class ReadmeProperties {

    private static final Pattern SECTION = Pattern.compile("^#{2,3} (.+)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ReadmeProperties() {
    }

    /** Section title (e.g. "Gateway") to the patterns of its table's first column. */
    static Map<String, List<Pattern>> bySection() {
        Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
        cellsBySection().forEach((section, cells) -> patterns.put(section,
                cells.stream().flatMap(cell -> patterns(cell).stream()).toList()));
        return patterns;
    }

    /** Section title to the first-column cells of its table. */
    static Map<String, List<String>> cellsBySection() {
        List<String> lines;
        try {
            lines = Files.readAllLines(DeployFiles.path("README.md"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String section = null;
        for (String line : lines) {
            Matcher heading = SECTION.matcher(line);
            if (heading.matches()) {
                section = heading.group(1).trim();
                continue;
            }
            if (section == null || !line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            sections.computeIfAbsent(section, s -> new ArrayList<>()).add(firstCell);
        }
        return sections;
    }

    static List<Pattern> patterns(String cell) {
        return names(cell).stream().map(name -> Pattern.compile(Pattern.quote(name)
                .replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q").replace("[i]", "\\E\\[\\d+]\\Q"))).toList();
    }

    /** The full property names a table cell documents, placeholders included. */
    static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        String parent = null;
        while (code.find()) {
            String name = code.group(1).trim();
            if (parent == null) {
                names.add(name);
                parent = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            }
            else {
                names.add(parent + (name.startsWith(".") ? name : "." + name));
            }
        }
        return names;
    }

    /**
     * Whether an environment variable sets a documented property, by Spring Boot's relaxed binding: the property in
     * upper case with dots as underscores and dashes removed ({@code GATEWAY_REPLICAS_REDISURL}).
     */
    static boolean documentedAsEnvironment(List<String> cells, String variable) {
        return cells.stream().flatMap(cell -> names(cell).stream())
                .map(name -> name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT))
                .anyMatch(variable::equals);
    }

    static boolean documented(List<Pattern> patterns, String property) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(property).matches());
    }
}
