package io.aibrix.benchmark.routing;

import java.util.Locale;

/** Number formats shared by the log lines and the Markdown report; null prints as {@code -}. */
final class Formats {

    private Formats() {
    }

    /** Seconds shown as milliseconds, e.g. {@code 52 ms}, or with one decimal below 10 ms. */
    static String millis(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        double ms = seconds * 1e3;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String seconds(Double seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
