package io.aibrix.benchmark.autoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.aibrix.benchmark.report.SvgPlot;

/**
 * One standalone SVG with three stacked plots over replay time: engines of both fleets, the load (request rate and
 * requests in flight), and the p95 TTFT per bin of both fleets with the SLO.
 */
final class AutoscalingChart {

    private static final int PLOT_HEIGHT = 340;
    private static final double BIN_SECONDS = 5;
    private static final String STYLE = "svg{font-family:sans-serif;font-size:11px}"
            + ".axis{stroke:#3b4252;stroke-width:1}.grid{stroke:#e5e8ee;stroke-width:1}"
            + ".label,.title{fill:#222}.title{font-weight:bold}"
            + ".autoscaled{stroke:#2f6fdb;fill:#2f6fdb;stroke-width:2}.static{stroke:#d08a1e;fill:#d08a1e;stroke-width:2}"
            + ".ready{stroke:#7fb0f5;fill:#7fb0f5;stroke-width:1.5}.slo{stroke:#c0392b;fill:#c0392b;stroke-width:1}"
            + ".load{stroke:#555;fill:#555;stroke-width:1.5}"
            // After the classes: a polyline is a line, whatever fill its class gives the legend's dot.
            + "polyline{fill:none!important}";

    private AutoscalingChart() {
    }

    static String svg(PhaseResult autoscaled, PhaseResult fixed, double sloSeconds) {
        double end = Math.max(last(autoscaled), last(fixed));
        List<String> plots = List.of(replicas(autoscaled, fixed, end), load(autoscaled, end),
                ttft(autoscaled, fixed, sloSeconds, end));
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\""
                + PLOT_HEIGHT * plots.size() + "\"><style>" + STYLE + "</style>");
        for (int i = 0; i < plots.size(); i++) {
            svg.append("<g transform=\"translate(0 ").append(i * PLOT_HEIGHT).append(")\">").append(plots.get(i))
                    .append("</g>");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String replicas(PhaseResult autoscaled, PhaseResult fixed, double end) {
        double max = Math.max(autoscaled.maxEngines(), fixed.maxEngines()) + 1;
        SvgPlot plot = new SvgPlot("Engines (alive, incl. starting and draining)", "replay time (s)", "engines", 0,
                end, 0, max);
        plot.polyline(series(autoscaled.samples(), Sample::engines), "autoscaled");
        plot.polyline(series(autoscaled.samples(), Sample::ready), "ready");
        plot.polyline(series(fixed.samples(), Sample::engines), "static");
        plot.legend(0, "autoscaled", "autoscaled fleet");
        plot.legend(1, "ready", "autoscaled, serving");
        plot.legend(2, "static", "static fleet");
        return plot.finish();
    }

    private static String load(PhaseResult autoscaled, double end) {
        List<double[]> rate = new ArrayList<>();
        int bins = (int) Math.ceil(end / BIN_SECONDS);
        int[] counts = new int[Math.max(1, bins)];
        for (RequestOutcome request : autoscaled.requests()) {
            counts[Math.min(counts.length - 1, (int) (request.sendSecond() / BIN_SECONDS))]++;
        }
        double max = 1;
        for (int i = 0; i < counts.length; i++) {
            double perSecond = counts[i] / BIN_SECONDS;
            rate.add(new double[] {(i + 0.5) * BIN_SECONDS, perSecond});
            max = Math.max(max, perSecond);
        }
        List<double[]> inFlight = series(autoscaled.samples(), Sample::inFlight);
        for (double[] point : inFlight) {
            max = Math.max(max, point[1]);
        }
        SvgPlot plot = new SvgPlot("Load (the same trace for both fleets)", "replay time (s)", "requests", 0, end, 0,
                max * 1.1);
        plot.polyline(rate, "load");
        plot.polyline(inFlight, "ready");
        plot.legend(0, "load", "sent per second (5 s bins)");
        plot.legend(1, "ready", "in flight, autoscaled fleet");
        return plot.finish();
    }

    private static String ttft(PhaseResult autoscaled, PhaseResult fixed, double sloSeconds, double end) {
        List<double[]> a = p95(autoscaled, end);
        List<double[]> s = p95(fixed, end);
        double max = sloSeconds * 1.5;
        for (double[] point : a) {
            max = Math.max(max, point[1]);
        }
        for (double[] point : s) {
            max = Math.max(max, point[1]);
        }
        SvgPlot plot = new SvgPlot("TTFT p95 per 5 s of send time (failures count as infinite)", "replay time (s)",
                "seconds", 0, end, 0, max * 1.05);
        plot.polyline(List.of(new double[] {0, sloSeconds}, new double[] {end, sloSeconds}), "slo");
        plot.polyline(a, "autoscaled");
        plot.polyline(s, "static");
        plot.legend(0, "autoscaled", "autoscaled fleet");
        plot.legend(1, "static", "static fleet");
        plot.legend(2, "slo", "SLO");
        return plot.finish();
    }

    /** p95 TTFT per bin; a bin whose p95 is a failure is drawn at the top of the plot's usual range. */
    private static List<double[]> p95(PhaseResult phase, double end) {
        int bins = Math.max(1, (int) Math.ceil(end / BIN_SECONDS));
        List<List<Double>> perBin = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            perBin.add(new ArrayList<>());
        }
        for (RequestOutcome request : phase.requests()) {
            perBin.get(Math.min(bins - 1, (int) (request.sendSecond() / BIN_SECONDS)))
                    .add(request.error() == null ? request.ttftSeconds() : Double.POSITIVE_INFINITY);
        }
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            List<Double> values = perBin.get(i);
            if (values.isEmpty()) {
                continue;
            }
            values.sort(null);
            double p95 = values.get(Math.max(0, (int) Math.ceil(0.95 * values.size()) - 1));
            points.add(new double[] {(i + 0.5) * BIN_SECONDS, Double.isInfinite(p95) ? 10 : p95});
        }
        return points;
    }

    private static List<double[]> series(List<Sample> samples, ToDoubleFunction<Sample> value) {
        List<double[]> points = new ArrayList<>();
        for (Sample sample : samples) {
            points.add(new double[] {sample.second(), value.applyAsDouble(sample)});
        }
        return points;
    }

    private static double last(PhaseResult phase) {
        return phase.samples().isEmpty() ? 1 : phase.samples().getLast().second();
    }
}
