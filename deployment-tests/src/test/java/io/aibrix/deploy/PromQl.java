package io.aibrix.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(...)} variable query) reads. Not a full
 * parser: label matchers, strings, range selectors, grouping clauses and Grafana variables are removed, and what
 * remains are function and aggregation names (followed by a parenthesis), keywords, numbers, durations and metric
 * names.
 */
final class PromQl {

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern TOKEN = Pattern.compile(
            "\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-zA-Z]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        String stripped = VARIABLE.matcher(expression).replaceAll(" ");
        stripped = STRING.matcher(stripped).replaceAll(" ");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Matcher token = TOKEN.matcher(stripped);
        while (token.find()) {
            String identifier = token.group(1);
            boolean call = token.group(2) != null;
            if (identifier != null && !call && !KEYWORDS.contains(identifier.toLowerCase())) {
                names.add(identifier);
            }
        }
        return names;
    }
}
