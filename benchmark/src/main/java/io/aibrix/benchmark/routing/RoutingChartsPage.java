package io.aibrix.benchmark.routing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.aibrix.benchmark.report.SvgPlot;
import io.aibrix.benchmark.report.Xml;

/**
 * The generated charts page: one self-contained HTML file (inline CSS and SVG, no script, no external resource) with,
 * per scenario, bar charts comparing the strategies (mean of seeds), TTFT CDFs of every strategy's first seed, and
 * links to every run's own report.
 */
final class RoutingChartsPage {

    private static final int LABEL_MARGIN = 150;
    private static final int SERIES_COLOURS = 8;
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1360px}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}p,li{font-size:14px}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            svg.chart{background:#fff;border:1px solid #e1e4ea;font-size:11px}
            svg .title{font-size:14px;font-weight:600}svg .label{fill:#3b4252}
            svg .axis{stroke:#3b4252;stroke-width:1}svg .grid{stroke:#e5e8ee;stroke-width:1}
            svg .bar{fill:#2f6fdb}
            svg polyline.s0{stroke:#2f6fdb}svg polyline.s1{stroke:#d63b3b}svg polyline.s2{stroke:#2a9d5b}
            svg polyline.s3{stroke:#9b59b6}svg polyline.s4{stroke:#e08a1e}svg polyline.s5{stroke:#17a2b8}
            svg polyline.s6{stroke:#6c757d}svg polyline.s7{stroke:#8c564b}svg polyline{stroke-width:2}
            svg circle.s0{fill:#2f6fdb}svg circle.s1{fill:#d63b3b}svg circle.s2{fill:#2a9d5b}
            svg circle.s3{fill:#9b59b6}svg circle.s4{fill:#e08a1e}svg circle.s5{fill:#17a2b8}
            svg circle.s6{fill:#6c757d}svg circle.s7{fill:#8c564b}
            """;

    private RoutingChartsPage() {
    }

    /** {@code pageDirectory} is where the page is written, so run reports are linked relative to it. */
    static String render(RoutingPlan plan, RoutingResults results, Path pageDirectory) {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Routing benchmark charts</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Routing benchmark charts</h1>\n")
                .append("<p>Mean of seeds ").append(Xml.escape(plan.seeds())).append("; the tables and the ")
                .append("acceptance checks are in routing.md.</p>\n");
        for (Scenario scenario : plan.scenarios()) {
            section(html, scenario, scenario.name() + ": " + scenario.title(),
                    results.summaries(scenario, plan.gateways()), results, plan.gateways(), pageDirectory);
        }
        List<StrategySummary> replicas = results.summaries(Scenario.A, plan.replicaGateways());
        if (plan.replicaGateways() != plan.gateways() && !replicas.isEmpty()) {
            section(html, Scenario.A, "A with " + plan.replicaGateways() + " gateways", replicas, results,
                    plan.replicaGateways(), pageDirectory);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder html, Scenario scenario, String title,
            List<StrategySummary> summaries, RoutingResults results, int gateways, Path pageDirectory) {
        html.append("<h2>").append(Xml.escape(title)).append("</h2>\n<p>").append(Xml.escape(scenario.definition()))
                .append("</p>\n");
        if (summaries.isEmpty()) {
            html.append("<p>No strategy was measured.</p>\n");
            return;
        }
        html.append("<div class=\"charts\">\n");
        html.append(bars("TTFT mean (ms)", summaries, s -> millis(s.ttftMean()), "%.0f ms"));
        html.append(bars("TTFT p99 (ms)", summaries, s -> millis(s.ttftP99()), "%.0f ms"));
        html.append(bars("E2E mean (s)", summaries, s -> s.e2eMean() == null ? 0 : s.e2eMean(), "%.2f s"));
        html.append(bars("Cluster prefix hit rate", summaries, s -> s.hitRate() == null ? 0 : s.hitRate(),
                "%.3f"));
        html.append(bars("Largest engine share (%)", summaries, s -> s.maxEngineShare() * 100, "%.1f %%"));
        html.append(cdf("TTFT CDF, first seed", summaries, results, gateways));
        html.append("</div>\n<p>Run reports: ");
        List<String> links = new ArrayList<>();
        for (StrategySummary summary : summaries) {
            for (RunMeasurement run : results.runs(scenario, summary.strategy(), gateways)) {
                Path report = run.reportDirectory().resolve("report.html").toAbsolutePath().normalize();
                String href = pageDirectory.toAbsolutePath().normalize().relativize(report).toString()
                        .replace('\\', '/');
                links.add("<a href=\"" + Xml.escape(href) + "\">" + Xml.escape(summary.strategy() + " seed "
                        + run.key().seed()) + "</a>");
            }
        }
        html.append(String.join(", ", links)).append("</p>\n");
    }

    private static String bars(String title, List<StrategySummary> summaries,
            ToDoubleFunction<StrategySummary> value, String format) {
        double max = summaries.stream().mapToDouble(value).max().orElse(1);
        SvgPlot plot = new SvgPlot(title, title, null, 0, max > 0 ? max * 1.2 : 1, 0, 1, LABEL_MARGIN);
        for (int row = 0; row < summaries.size(); row++) {
            double v = value.applyAsDouble(summaries.get(row));
            plot.bar(row, summaries.size(), v, summaries.get(row).strategy(), String.format(Locale.ROOT, format, v));
        }
        return plot.finish() + "\n";
    }

    /** TTFT CDFs up to 1.5 x the largest p99, so one strategy's long tail does not flatten the others. */
    private static String cdf(String title, List<StrategySummary> summaries, RoutingResults results, int gateways) {
        double xMax = 1.5 * summaries.stream().mapToDouble(s -> millis(s.ttftP99())).max().orElse(1);
        if (!(xMax > 0)) {
            return SvgPlot.empty(title);
        }
        SvgPlot plot = new SvgPlot(title, "TTFT (ms)", "fraction of requests", 0, xMax, 0, 1);
        for (int i = 0; i < summaries.size(); i++) {
            StrategySummary summary = summaries.get(i);
            List<RunMeasurement> runs = results.runs(summary.scenario(), summary.strategy(), gateways);
            String series = "s" + (i % SERIES_COLOURS);
            if (!runs.isEmpty() && !runs.getFirst().ttftSeconds().isEmpty()) {
                plot.polyline(cdfPoints(runs.getFirst().ttftSeconds(), xMax), series);
            }
            plot.legendAtBottom(i, summaries.size(), series, summary.strategy());
        }
        return plot.finish() + "\n";
    }

    private static List<double[]> cdfPoints(List<Double> sortedSeconds, double xMaxMillis) {
        List<double[]> points = new ArrayList<>();
        int n = sortedSeconds.size();
        int step = Math.max(1, n / 400);
        points.add(new double[] {Math.min(sortedSeconds.getFirst() * 1e3, xMaxMillis), 0});
        for (int i = 0; i < n; i += step) {
            double x = sortedSeconds.get(i) * 1e3;
            if (x > xMaxMillis) {
                points.add(new double[] {xMaxMillis, (double) i / n});
                return points;
            }
            points.add(new double[] {x, (i + 1.0) / n});
        }
        points.add(new double[] {Math.min(sortedSeconds.getLast() * 1e3, xMaxMillis), 1});
        return points;
    }

    private static double millis(Double seconds) {
        return seconds == null ? 0 : seconds * 1e3;
    }
}
