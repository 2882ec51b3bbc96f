package io.aibrix.autoscaler.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code targetMetric}: a metric name with an optional label selector, {@code name} or
 * {@code name{label="value",...}}. The value of a scrape is the sum over the series that match.
 */
public record MetricQuery(String name, Map<String, String> labels) {

    private static final Pattern QUERY = Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{(.*)})?\\s*");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    public MetricQuery {
        labels = Map.copyOf(labels);
    }

    /** @throws IllegalArgumentException naming the text when it is not a name with an optional selector */
    public static MetricQuery parse(String text) {
        Matcher matcher = text == null ? null : QUERY.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("targetMetric must be a metric name with an optional {label=\"value\"}"
                    + " selector but was '" + text + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (matcher.group(3) != null) {
            Matcher label = LABEL.matcher(matcher.group(3));
            int end = 0;
            while (label.find() && label.start() == end) {
                labels.put(label.group(1), PrometheusText.unescape(label.group(2)));
                end = label.end();
            }
            if (end != matcher.group(3).length()) {
                throw new IllegalArgumentException("targetMetric has a malformed label selector: '" + text + "'");
            }
        }
        return new MetricQuery(matcher.group(1), labels);
    }

    boolean matches(PrometheusText.Sample sample) {
        if (!sample.name().equals(name)) {
            return false;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!label.getValue().equals(sample.labels().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
