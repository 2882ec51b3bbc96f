package io.aibrix.autoscaler.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A minimal reader of the Prometheus text exposition format: samples with their labels; comments skipped. */
public final class PrometheusText {

    /** One line of a scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample in {@code text}; lines that do not parse are skipped. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parseLine(line);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** The sum of the series {@code query} selects, or empty when none is present. */
    public static OptionalDouble sum(String text, MetricQuery query) {
        double total = 0;
        boolean found = false;
        for (Sample sample : parse(text)) {
            if (query.matches(sample) && !Double.isNaN(sample.value())) {
                total += sample.value();
                found = true;
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int close = labels(line, brace + 1, labels);
            if (close < 0) {
                return null;
            }
            rest = line.substring(close + 1).strip();
        }
        else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        else {
            return null;
        }
        String[] parts = rest.split("\\s+");
        try {
            return new Sample(name, labels, value(parts[0]));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Reads labels from {@code from} to the closing brace; returns its index, or -1 when malformed. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                    value.append(line, j, j + 2);
                    j += 2;
                }
                else {
                    value.append(line.charAt(j++));
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(line.substring(i, eq).strip(), unescape(value.toString()));
            i = j + 1;
        }
        return -1;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    static String unescape(String value) {
        return value.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
