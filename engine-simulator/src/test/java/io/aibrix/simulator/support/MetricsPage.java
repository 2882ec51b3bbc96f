package io.aibrix.simulator.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text page: the {@code # TYPE} of each family and every sample with its labels. */
public final class MetricsPage {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{((?:" + LABEL + ")(?:," + LABEL + ")*)?\\})? (" + VALUE + ")");
    private static final Pattern LABEL_PAIR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary"
            + "|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    private final String text;
    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();

    private MetricsPage(String text) {
        this.text = text;
    }

    /** One sample line; labels keep their order on the line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String name) {
            return labels.get(name);
        }
    }

    public static MetricsPage parse(String text) {
        MetricsPage page = new MetricsPage(text);
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    page.types.put(type.group(1), type.group(2));
                } else if (!HELP.matcher(line).matches()) {
                    page.malformed.add(line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                page.malformed.add(line);
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher pair = LABEL_PAIR.matcher(sample.group(2));
                while (pair.find()) {
                    labels.put(pair.group(1), pair.group(2));
                }
            }
            page.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)
                    .replace("Inf", "Infinity"))));
        }
        return page;
    }

    public String text() {
        return text;
    }

    /** Family name to the type its {@code # TYPE} line declares. */
    public Map<String, String> types() {
        return types;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Lines that are neither a HELP/TYPE comment nor a valid {@code name{labels} value} sample. */
    public List<String> malformedLines() {
        return malformed;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The value of the one sample called {@code name} whose labels include the given pairs
     * ({@code key1, value1, key2, value2, ...}).
     */
    public double value(String name, String... labelPairs) {
        List<Sample> matching = samples(name).stream().filter(s -> hasLabels(s, labelPairs)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one sample " + name + " with labels " + List.of(labelPairs)
                    + " but found " + matching + " in\n" + text);
        }
        return matching.get(0).value();
    }

    private static boolean hasLabels(Sample sample, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Label pairs must come as key, value: " + List.of(pairs));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(sample.labels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
