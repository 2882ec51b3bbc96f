package io.aibrix.simulator.metrics;

import java.util.Map;

/**
 * Writes the Prometheus text format exactly as Python's prometheus_client lays it out (which is what vLLM serves):
 * HELP and TYPE per family, counters typed under their {@code _total} name, histogram buckets then {@code _count}
 * then {@code _sum}, and each family's {@code _created} timestamps as a separate gauge family.
 */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder(32 * 1024);

    void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    void histogramSamples(String name, Map<String, String> labels, Histogram.Snapshot h) {
        long cumulative = 0;
        for (int i = 0; i < h.bounds().length; i++) {
            cumulative += h.counts()[i];
            sample(name + "_bucket", withLe(labels, number(h.bounds()[i])), cumulative);
        }
        sample(name + "_bucket", withLe(labels, "+Inf"), h.count());
        sample(name + "_count", labels, h.count());
        sample(name + "_sum", labels, h.sum());
    }

    void created(String baseName, String help, Map<String, String> labels, double epochSeconds) {
        family(baseName + "_created", "gauge", help);
        sample(baseName + "_created", labels, epochSeconds);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static Map<String, String> withLe(Map<String, String> labels, String le) {
        java.util.LinkedHashMap<String, String> copy = new java.util.LinkedHashMap<>(labels);
        copy.put("le", le);
        return copy;
    }

    /** Python's float repr for the values Prometheus sees: integral values as {@code 3.0}, infinities as ±Inf. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
