package io.aibrix.benchmark.kvcache;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained SVG line chart of TTFT against QPS, one line per configuration, with a logarithmic TTFT axis
 * (the configurations differ by orders of magnitude once one saturates). Styles are inline so the file renders on
 * its own.
 */
final class TtftChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 36;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#d62728", "#ff7f0e", "#2ca02c", "#1f77b4"};

    private TtftChart() {
    }

    static String render(String title, List<PointResult> points, List<TierSetup> setups, List<Double> qps,
            ToDoubleFunction<PointResult> seconds) {
        double xMin = qps.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double xMax = qps.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double[] values = points.stream().mapToDouble(seconds).filter(v -> v > 0 && Double.isFinite(v)).toArray();
        double lo = Math.floor(Math.log10(java.util.Arrays.stream(values).min().orElse(0.01)));
        double hi = Math.ceil(Math.log10(java.util.Arrays.stream(values).max().orElse(1)));
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>", LEFT, escape(title)));
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", LEFT, plotBottom, plotRight,
                plotBottom));
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", LEFT, TOP, LEFT,
                plotBottom));
        for (double decade = lo; decade <= hi; decade++) {
            double y = y(decade, lo, hi);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, plotRight,
                    y));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
                    trim(Math.pow(10, decade))));
        }
        for (double q : qps) {
            double x = x(q, xMin, xMax);
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, plotBottom + 18,
                    trim(q)));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">QPS</text>", (LEFT + plotRight) / 2,
                HEIGHT - 10));
        svg.append(f("<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">TTFT "
                + "(seconds, log scale)</text>", (TOP + plotBottom) / 2, (TOP + plotBottom) / 2));
        for (int s = 0; s < setups.size(); s++) {
            TierSetup setup = setups.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder line = new StringBuilder();
            for (PointResult p : points) {
                double v = seconds.applyAsDouble(p);
                if (p.setup() == setup && v > 0 && Double.isFinite(v)) {
                    double x = x(p.qps(), xMin, xMax);
                    double y = y(Math.log10(v), lo, hi);
                    line.append(f("%.1f,%.1f ", x, y));
                    svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, colour));
                }
            }
            svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>", colour,
                    line.toString().strip()));
            int legendY = TOP + 10 + s * 18;
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
                    plotRight + 12, legendY, plotRight + 32, legendY, colour));
            svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>", plotRight + 38, legendY + 4, escape(setup.label())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double q, double min, double max) {
        return max > min ? LEFT + (q - min) / (max - min) * (WIDTH - RIGHT - LEFT) : (LEFT + WIDTH - RIGHT) / 2.0;
    }

    private static double y(double log, double lo, double hi) {
        return HEIGHT - BOTTOM - (log - lo) / (hi - lo) * (HEIGHT - BOTTOM - TOP);
    }

    static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
