package io.aibrix.benchmark.batch;

/** Sums of Prometheus text-format samples: one metric over all its label sets, or only those with a label. */
final class Metrics {

    private Metrics() {
    }

    /**
     * The sum of {@code name}'s samples whose labels contain {@code labelFilter} (e.g. {@code area="heap"}); an empty
     * filter takes every sample.
     */
    static double sum(String text, String name, String labelFilter) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            int valueStart = next == '{' ? line.indexOf('}', name.length()) + 1 : name.length();
            if (valueStart <= 0 || !line.substring(name.length(), valueStart).contains(labelFilter)) {
                continue;
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            try {
                sum += Double.parseDouble(rest[0]);
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return sum;
    }
}
