package io.aibrix.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        List<String> lines;
        try {
            lines = Files.readAllLines(DeployFiles.path("README.md"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Pattern>> sections = new LinkedHashMap<>();
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
            sections.computeIfAbsent(section, s -> new ArrayList<>()).addAll(patterns(firstCell));
        }
        return sections;
    }

    static List<Pattern> patterns(String cell) {
        List<Pattern> patterns = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        String parent = null;
        while (code.find()) {
            String name = code.group(1).trim();
            String full;
            if (parent == null) {
                full = name;
                parent = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            }
            else {
                full = parent + (name.startsWith(".") ? name : "." + name);
            }
            patterns.add(Pattern.compile(Pattern.quote(full).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q")
                    .replace("[i]", "\\E\\[\\d+]\\Q")));
        }
        return patterns;
    }

    static boolean documented(List<Pattern> patterns, String property) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(property).matches());
    }
}
