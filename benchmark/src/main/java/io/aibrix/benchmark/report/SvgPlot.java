package io.aibrix.benchmark.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A fixed-size inline SVG plot area with linear axes, "nice" tick marks (1-2-5 steps) and a title. Inline SVG in
 * HTML5 needs no namespace declaration, which keeps the report free of any URL.
 */
public final class SvgPlot {

    static final int WIDTH = 640;
    static final int HEIGHT = 340;
    private static final int DEFAULT_LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 50;

    private final StringBuilder svg = new StringBuilder();
    private final int left;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    public SvgPlot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        this(title, xLabel, yLabel, xMin, xMax, yMin, yMax, DEFAULT_LEFT);
    }

    /** {@code left} is the left margin in pixels, wider for long category labels. */
    public SvgPlot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax,
            int left) {
        this.left = left;
        this.xMin = xMin;
        this.xMax = xMax > xMin ? xMax : xMin + 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
        svg.append(f("<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, Xml.escape(title)));
        svg.append("<title>").append(Xml.escape(title)).append("</title>");
        svg.append(f("<text x=\"%d\" y=\"20\" class=\"title\">%s</text>", left, Xml.escape(title)));
        axes(xLabel, yLabel);
    }

    /** An SVG saying there is nothing to plot. */
    public static String empty(String title) {
        return f("<svg class=\"chart\" viewBox=\"0 0 %d 80\" width=\"%d\" height=\"80\" role=\"img\" "
                + "aria-label=\"%s\"><title>%2$s</title><text x=\"%d\" y=\"20\" class=\"title\">%s</text>"
                + "<text x=\"%d\" y=\"50\">no data</text></svg>", WIDTH, WIDTH, Xml.escape(title), DEFAULT_LEFT,
                Xml.escape(title), DEFAULT_LEFT);
    }

    double x(double value) {
        return left + (value - xMin) / (xMax - xMin) * (WIDTH - left - RIGHT);
    }

    double y(double value) {
        return HEIGHT - BOTTOM - (value - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    public void polyline(List<double[]> points, String cssClass) {
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            path.append(f("%.1f,%.1f ", x(p[0]), y(p[1])));
        }
        svg.append(f("<polyline class=\"%s\" fill=\"none\" points=\"%s\"/>", cssClass, path.toString().strip()));
    }

    void dot(double xValue, double yValue, String cssClass) {
        svg.append(f("<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>", cssClass, x(xValue), y(yValue)));
    }

    /** A horizontal bar from 0 to {@code value} in category row {@code row} of {@code rows}, with labels. */
    public void bar(int row, int rows, double value, String label, String valueLabel) {
        double band = (double) (HEIGHT - TOP - BOTTOM) / rows;
        double top = TOP + row * band + band * 0.15;
        double height = band * 0.7;
        svg.append(f("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x(0), top,
                Math.max(0, x(value) - x(0)), height));
        svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"label\">%s</text>", left - 6,
                top + height / 2 + 4, Xml.escape(label)));
        svg.append(f("<text x=\"%.1f\" y=\"%.1f\" class=\"label\">%s</text>", x(value) + 4, top + height / 2 + 4,
                Xml.escape(valueLabel)));
    }

    public void legend(int index, String cssClass, String text) {
        legendAt(TOP + 10 + index * 16, cssClass, text);
    }

    /** Entry {@code index} of a {@code count}-entry legend in the bottom right corner, e.g. for CDFs. */
    public void legendAtBottom(int index, int count, String cssClass, String text) {
        legendAt(HEIGHT - BOTTOM - 10 - (count - 1 - index) * 16, cssClass, text);
    }

    private void legendAt(int top, String cssClass, String text) {
        int legendX = WIDTH - RIGHT - 150;
        svg.append(f("<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"4\"/>", cssClass, legendX, top));
        svg.append(f("<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>", legendX + 8, top + 4, Xml.escape(text)));
    }

    public String finish() {
        return svg.append("</svg>").toString();
    }

    private void axes(String xLabel, String yLabel) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(f("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, bottom, WIDTH - RIGHT,
                bottom));
        svg.append(f("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, TOP, left, bottom));
        for (double tick : ticks(xMin, xMax)) {
            svg.append(f("<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x(tick), TOP, x(tick),
                    bottom));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text>", x(tick),
                    bottom + 16, label(tick)));
        }
        if (yLabel != null) {
            for (double tick : ticks(yMin, yMax)) {
                svg.append(f("<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, y(tick),
                        WIDTH - RIGHT, y(tick)));
                svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"label\">%s</text>", left - 6,
                        y(tick) + 4, label(tick)));
            }
            svg.append(f("<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\" class=\"label\">"
                    + "%s</text>", (TOP + bottom) / 2, Xml.escape(yLabel)));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text>",
                (left + WIDTH - RIGHT) / 2, HEIGHT - 10, Xml.escape(xLabel)));
    }

    /** Tick positions at a 1, 2 or 5 × 10^k step giving about five intervals. */
    static double[] ticks(double min, double max) {
        double rough = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double scaled = rough / magnitude;
        double step = magnitude * (scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10);
        double first = Math.ceil(min / step - 1e-9) * step;
        int count = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] ticks = new double[Math.max(0, count)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static String label(double value) {
        if (Math.abs(value) < 1e-12) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
