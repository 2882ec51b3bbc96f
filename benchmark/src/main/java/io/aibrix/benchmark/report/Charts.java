package io.aibrix.benchmark.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.aibrix.benchmark.run.RequestResult;

/** The report's charts as inline SVG strings. Values arrive in seconds and are plotted in milliseconds. */
final class Charts {

    /** Enough points for a smooth curve at 640 px without bloating the file. */
    private static final int CDF_POINTS = 500;
    private static final int MAX_SCATTER_POINTS = 20_000;

    private Charts() {
    }

    /** Empirical CDF: fraction of requests with latency at or below x. */
    static String cdf(String title, List<Double> seconds) {
        double[] millis = seconds.stream().mapToDouble(v -> v * 1e3).sorted().toArray();
        if (millis.length == 0) {
            return SvgPlot.empty(title);
        }
        SvgPlot plot = new SvgPlot(title, "milliseconds", "fraction of requests", 0, millis[millis.length - 1], 0,
                1);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {millis[0], 0});
        int step = Math.max(1, millis.length / CDF_POINTS);
        for (int i = 0; i < millis.length; i += step) {
            points.add(new double[] {millis[i], (i + 1.0) / millis.length});
        }
        points.add(new double[] {millis[millis.length - 1], 1});
        plot.polyline(points, "line");
        return plot.finish();
    }

    /** TTFT against send time; warmup requests grey, failures red on the top edge. */
    static String ttftOverTime(List<RequestResult> results, double warmupSeconds) {
        String title = "TTFT over time";
        if (results.isEmpty()) {
            return SvgPlot.empty(title);
        }
        double xMax = results.stream().mapToDouble(RequestResult::actualSendSeconds).max().orElse(1);
        double yMax = results.stream().filter(r -> r.ttftSeconds() != null).mapToDouble(r -> r.ttftSeconds() * 1e3)
                .max().orElse(1);
        SvgPlot plot = new SvgPlot(title, "send time (s since start)", "TTFT (ms)", 0, xMax, 0, yMax);
        int stride = Math.max(1, results.size() / MAX_SCATTER_POINTS);
        for (int i = 0; i < results.size(); i += stride) {
            RequestResult r = results.get(i);
            if (!r.succeeded()) {
                plot.dot(r.actualSendSeconds(), yMax, "failed");
            }
            else if (r.ttftSeconds() != null) {
                plot.dot(r.actualSendSeconds(), r.ttftSeconds() * 1e3,
                        SummaryCalculator.isWarmup(r, warmupSeconds) ? "warmup" : "measured");
            }
        }
        plot.legend(0, "measured", "measured");
        plot.legend(1, "warmup", "warmup");
        plot.legend(2, "failed", "failed (top edge)");
        return plot.finish();
    }

    /** Measured requests per target pod. */
    static String requestsPerPod(Map<String, Summary.PodShare> pods) {
        String title = "Requests per pod";
        if (pods.isEmpty()) {
            return SvgPlot.empty(title);
        }
        long max = pods.values().stream().mapToLong(Summary.PodShare::requests).max().orElse(1);
        SvgPlot plot = new SvgPlot(title, "requests", null, 0, max * 1.15, 0, 1, 180);
        String[] names = pods.keySet().toArray(String[]::new);
        Arrays.sort(names);
        for (int row = 0; row < names.length; row++) {
            Summary.PodShare share = pods.get(names[row]);
            plot.bar(row, names.length, share.requests(), names[row],
                    share.requests() + String.format(Locale.ROOT, " (%.1f %%)", share.share() * 100));
        }
        return plot.finish();
    }
}
