package io.aibrix.gateway.enginestats;

import java.util.Arrays;

/** The {@link Series} values read from one {@code /metrics} page, aggregated over label sets; NaN when absent. */
final class MetricsPage {

    static final MetricsPage EMPTY = new MetricsPage(absent());

    private final double[] values;

    /** Takes ownership of {@code values}, indexed by {@link Series#ordinal()}. */
    private MetricsPage(double[] values) {
        this.values = values;
    }

    static MetricsPage of(double[] values) {
        if (values.length != Series.ALL.length) {
            throw new IllegalArgumentException("Expected " + Series.ALL.length + " values, got " + values.length);
        }
        return new MetricsPage(values.clone());
    }

    static MetricsPage wrap(double[] values) {
        return new MetricsPage(values);
    }

    static double[] absent() {
        double[] values = new double[Series.ALL.length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    double get(Series series) {
        return values[series.ordinal()];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("MetricsPage{");
        for (Series series : Series.ALL) {
            double value = values[series.ordinal()];
            if (!Double.isNaN(value)) {
                text.append(series.metricName()).append('=').append(value).append(' ');
            }
        }
        return text.append('}').toString();
    }
}
