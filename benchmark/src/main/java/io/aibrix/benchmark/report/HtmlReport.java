package io.aibrix.benchmark.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.aibrix.benchmark.run.RequestResult;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no external resource, since the
 * machines that view it may have no internet) with the run parameters, latency statistics, the full text summary
 * and the charts.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1360px}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d9e0;padding:4px 10px}
            th{background:#f1f3f7;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
            pre{background:#f7f8fa;border:1px solid #e1e4ea;padding:12px;overflow-x:auto;font-size:12px}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            svg.chart{background:#fff;border:1px solid #e1e4ea;font-size:11px}
            svg .title{font-size:14px;font-weight:600}svg .label{fill:#3b4252}
            svg .axis{stroke:#3b4252;stroke-width:1}svg .grid{stroke:#e5e8ee;stroke-width:1}
            svg .line{stroke:#2f6fdb;stroke-width:2}svg .bar{fill:#2f6fdb}
            svg circle.measured{fill:#2f6fdb;fill-opacity:.55}svg circle.warmup{fill:#9aa3b2;fill-opacity:.55}
            svg circle.failed{fill:#d63b3b}
            """;

    private HtmlReport() {
    }

    public static String render(Summary summary, List<RequestResult> results) {
        double warmup = summary.run().warmupSeconds();
        List<RequestResult> measuredOk = results.stream()
                .filter(r -> r.succeeded() && !SummaryCalculator.isWarmup(r, warmup)).toList();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Benchmark report: ").append(Xml.escape(summary.run().workload())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Benchmark report: ").append(Xml.escape(summary.run().workload())).append(" against ")
                .append(Xml.escape(summary.run().model())).append("</h1>\n");
        runTable(html, summary.run());
        latencyTable(html, summary);
        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (String svg : List.of(
                Charts.cdf("TTFT CDF", values(measuredOk, RequestResult::ttftSeconds)),
                Charts.cdf("E2E latency CDF", values(measuredOk, RequestResult::e2eSeconds)),
                Charts.cdf("TPOT CDF", values(measuredOk, RequestResult::tpotSeconds)),
                Charts.ttftOverTime(results, warmup),
                Charts.requestsPerPod(summary.pods()))) {
            html.append(svg).append('\n');
        }
        html.append("</div>\n<h2>Summary</h2>\n<pre>").append(Xml.escape(SummaryTable.render(summary)))
                .append("</pre>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void runTable(StringBuilder html, RunInfo run) {
        html.append("<h2>Run</h2>\n<table>\n");
        row(html, "started", run.startedAt());
        row(html, "model / API", run.model() + " / " + run.api());
        row(html, "targets", String.join(", ", run.targets()) + (run.targets().size() > 1
                ? " (" + run.targetPolicy() + ")" : ""));
        row(html, "routing strategy", run.routingStrategy() == null ? "-" : run.routingStrategy());
        row(html, "workload", run.workload());
        for (Map.Entry<String, Object> parameter : run.workloadParameters().entrySet()) {
            row(html, "  " + parameter.getKey(), String.valueOf(parameter.getValue()));
        }
        row(html, "seed", String.valueOf(run.seed()));
        row(html, "duration / requests limit", (run.durationSeconds() == null ? "-" : run.durationSeconds() + " s")
                + " / " + (run.numRequests() == null ? "-" : run.numRequests()));
        row(html, "warmup", run.warmupSeconds() + " s");
        row(html, "max concurrency", run.maxConcurrency() == null ? "unlimited" : run.maxConcurrency().toString());
        html.append("</table>\n");
    }

    private static void latencyTable(StringBuilder html, Summary summary) {
        html.append("<h2>Latency (ms, successful measured requests)</h2>\n<table>\n<tr><th>metric</th><th>count</th>"
                + "<th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>max</th></tr>\n");
        latencyRow(html, "TTFT", summary.latencies().ttft());
        latencyRow(html, "TPOT", summary.latencies().tpot());
        latencyRow(html, "ITL", summary.latencies().itl());
        latencyRow(html, "E2E", summary.latencies().e2e());
        html.append("</table>\n");
    }

    private static void latencyRow(StringBuilder html, String name, Distribution d) {
        html.append("<tr><th>").append(name).append("</th>");
        if (d == null) {
            html.append("<td class=\"num\" colspan=\"6\">-</td></tr>\n");
            return;
        }
        html.append(cell(Long.toString(d.count())));
        for (double value : new double[] {d.mean(), d.p50(), d.p90(), d.p99(), d.max()}) {
            html.append(cell(String.format(Locale.ROOT, "%.2f", value * 1e3)));
        }
        html.append("</tr>\n");
    }

    private static String cell(String value) {
        return "<td class=\"num\">" + value + "</td>";
    }

    private static void row(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(Xml.escape(key)).append("</th><td>").append(Xml.escape(value))
                .append("</td></tr>\n");
    }

    private static List<Double> values(List<RequestResult> results, Function<RequestResult, Double> metric) {
        return results.stream().map(metric).filter(Objects::nonNull).toList();
    }
}
