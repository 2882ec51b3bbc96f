package io.aibrix.gateway.enginestats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the {@link Series} a scrape needs from a Prometheus text-format page (version 0.0.4), straight from the
 * response bytes: one pass, no per-line allocation, everything but the wanted sample lines skipped. Comments
 * ({@code # HELP}, {@code # TYPE}), labels (escaped quotes included), an optional trailing timestamp and CRLF line ends
 * are tolerated; values may be {@code NaN}, {@code ±Inf} or use exponent notation. A wanted line that cannot be read
 * fails the whole page, so a truncated or corrupt page never passes for a partial one.
 */
final class PrometheusTextParser {

    /** Candidates by name length, so a line's name is compared only against series of the same length. */
    private static final Series[][] BY_LENGTH = indexByLength();

    private PrometheusTextParser() {
    }

    static MetricsPage parse(byte[] page) {
        double[] totals = new double[Series.ALL.length];
        int[] samples = new int[Series.ALL.length];
        int position = 0;
        while (position < page.length) {
            int end = lineEnd(page, position);
            parseLine(page, position, end, totals, samples);
            position = end + 1;
        }
        double[] values = MetricsPage.absent();
        for (Series series : Series.ALL) {
            int i = series.ordinal();
            if (samples[i] > 0) {
                values[i] = series.kind() == Series.Kind.FRACTION ? totals[i] / samples[i] : totals[i];
            }
        }
        return MetricsPage.wrap(values);
    }

    private static void parseLine(byte[] page, int start, int end, double[] totals, int[] samples) {
        int p = skipBlanks(page, start, end);
        if (p == end || page[p] == '#') {
            return;
        }
        int nameStart = p;
        while (p < end && page[p] != '{' && !isBlank(page[p])) {
            p++;
        }
        Series series = lookup(page, nameStart, p);
        if (series == null) {
            return;
        }
        if (p < end && page[p] == '{') {
            p = skipLabels(page, p, end);
        }
        p = skipBlanks(page, p, end);
        int valueStart = p;
        while (p < end && !isBlank(page[p])) {
            p++;
        }
        // Whatever follows the value is the optional timestamp, which the scrape time supersedes.
        totals[series.ordinal()] += parseValue(page, valueStart, p, series);
        samples[series.ordinal()]++;
    }

    private static Series lookup(byte[] page, int start, int end) {
        int length = end - start;
        if (length >= BY_LENGTH.length) {
            return null;
        }
        for (Series candidate : BY_LENGTH[length]) {
            byte[] name = candidate.nameBytes();
            int i = length - 1;
            // Series names share long prefixes, so compare from the end.
            while (i >= 0 && page[start + i] == name[i]) {
                i--;
            }
            if (i < 0) {
                return candidate;
            }
        }
        return null;
    }

    /** Returns the position after the closing brace; a brace or blank inside a quoted label value is part of it. */
    private static int skipLabels(byte[] page, int open, int end) {
        boolean quoted = false;
        for (int p = open + 1; p < end; p++) {
            byte c = page[p];
            if (quoted) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return p + 1;
            }
        }
        throw new MalformedPageException("unterminated label set in a line of " + nameAt(page, open));
    }

    private static double parseValue(byte[] page, int start, int end, Series series) {
        if (start == end) {
            throw new MalformedPageException("no value for " + series.metricName());
        }
        String text = new String(page, start, end - start, StandardCharsets.US_ASCII);
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MalformedPageException("unreadable value '" + text + "' for " + series.metricName());
                }
            }
        }
    }

    private static int lineEnd(byte[] page, int from) {
        for (int p = from; p < page.length; p++) {
            if (page[p] == '\n') {
                return p;
            }
        }
        return page.length;
    }

    private static int skipBlanks(byte[] page, int from, int end) {
        int p = from;
        while (p < end && isBlank(page[p])) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static String nameAt(byte[] page, int open) {
        int start = open;
        while (start > 0 && page[start - 1] != '\n') {
            start--;
        }
        return new String(page, start, open - start, StandardCharsets.US_ASCII);
    }

    private static Series[][] indexByLength() {
        int longest = 0;
        for (Series series : Series.ALL) {
            longest = Math.max(longest, series.nameBytes().length);
        }
        Series[][] index = new Series[longest + 1][0];
        for (Series series : Series.ALL) {
            Series[] same = index[series.nameBytes().length];
            Series[] grown = Arrays.copyOf(same, same.length + 1);
            grown[same.length] = series;
            index[series.nameBytes().length] = grown;
        }
        return index;
    }

    /** The page is not valid Prometheus text where it matters. */
    static final class MalformedPageException extends RuntimeException {

        MalformedPageException(String message) {
            super(message, null, false, false);
        }
    }
}
