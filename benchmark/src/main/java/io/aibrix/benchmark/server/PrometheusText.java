package io.aibrix.benchmark.server;

import java.util.HashMap;
import java.util.Map;

/**
 * Minimal Prometheus text-format reader: the value of each metric name summed over all its label sets (so several
 * {@code engine} or {@code model_name} series add up). Comments, timestamps and unparsable lines are ignored.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    static Map<String, Double> sums(String text) {
        Map<String, Double> sums = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int labels = line.indexOf('{');
            int nameEnd = labels >= 0 ? labels : line.indexOf(' ');
            if (nameEnd <= 0) {
                continue;
            }
            int valueStart = labels >= 0 ? closingBrace(line, labels) + 1 : nameEnd;
            if (valueStart <= 0 || valueStart >= line.length()) {
                continue;
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            try {
                double value = Double.parseDouble(rest[0]);
                sums.merge(line.substring(0, nameEnd), value, Double::sum);
            }
            catch (NumberFormatException ex) {
                // not a sample line
            }
        }
        return sums;
    }

    /** Index of the {@code '}'} closing the label set opened at {@code open}, skipping quoted values; -1 if none. */
    private static int closingBrace(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            }
            else if (c == '"') {
                quoted = !quoted;
            }
            else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
