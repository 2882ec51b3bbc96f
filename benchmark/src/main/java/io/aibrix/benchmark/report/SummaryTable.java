package io.aibrix.benchmark.report;

import java.util.Locale;
import java.util.stream.Collectors;

import io.aibrix.benchmark.server.ServerDelta;
import io.aibrix.benchmark.server.StepStatsReport;

/** The plain-text summary printed to stdout at the end of a run. Latencies are shown in milliseconds. */
public final class SummaryTable {

    private static final String RULE = "-".repeat(64);

    private SummaryTable() {
    }

    public static String render(Summary s) {
        StringBuilder out = new StringBuilder();
        out.append("=".repeat(22)).append(" Benchmark summary ").append("=".repeat(23)).append('\n');
        RunInfo run = s.run();
        line(out, "Workload", run.workload() + " " + run.workloadParameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "(", ")")));
        line(out, "Model / API", run.model() + " / " + run.api());
        line(out, "Targets", run.targets().size() == 1 ? run.targets().getFirst()
                : run.targets().size() + " (" + run.targetPolicy() + ")");
        Summary.Counts c = s.counts();
        line(out, "Requests", c.total() + " total, " + c.warmup() + " warmup, " + c.measured() + " measured: "
                + c.succeeded() + " ok, " + c.failed() + " failed");
        Summary.Window w = s.window();
        line(out, "Measured window", f("%.1f s .. %.1f s (%.1f s of a %.1f s run)", w.startSeconds(),
                w.endSeconds(), w.durationSeconds(), w.runSeconds()));
        Summary.Throughput t = s.throughput();
        line(out, "Request throughput", number(t.requestsPerSecond(), "%.2f req/s"));
        line(out, "Output throughput", number(t.outputTokensPerSecond(), "%.1f tok/s"));
        line(out, "Total throughput", number(t.totalTokensPerSecond(), "%.1f tok/s"));
        if (t.goodRequests() != null) {
            line(out, "Goodput", number(t.goodputRequestsPerSecond(), "%.2f req/s") + " (" + t.goodRequests()
                    + " of " + c.measured() + " within " + slo(s.slo()) + ")");
        }
        line(out, "Cached prompt tokens", s.tokens().cachedRatio() == null ? "-"
                : f("%.1f %% (%d of %d)", s.tokens().cachedRatio() * 100, s.tokens().cached(), s.tokens().prompt()));
        out.append(RULE).append('\n');
        out.append(f("%-18s%10s%10s%10s%10s%10s%n", "Latency (ms)", "mean", "p50", "p90", "p99", "max"));
        latency(out, "TTFT", s.latencies().ttft());
        latency(out, "TPOT", s.latencies().tpot());
        latency(out, "ITL", s.latencies().itl());
        latency(out, "E2E", s.latencies().e2e());
        out.append(RULE).append('\n');
        out.append(f("%-28s%10s%10s%10s%n", "Target pod", "requests", "share", "failed"));
        s.pods().forEach((pod, share) -> out.append(f("%-28s%10d%9.1f%%%10d%n", pod, share.requests(),
                share.share() * 100, share.failed())));
        out.append(RULE).append('\n');
        Distribution lag = s.client().dispatchLag();
        line(out, "Dispatch lag", lag == null ? "-" : f("mean %.2f ms, p99 %.2f ms, max %.2f ms", lag.mean() * 1e3,
                lag.p99() * 1e3, lag.max() * 1e3));
        server(out, s);
        stepStats(out, s.stepStats());
        if (!s.errors().isEmpty()) {
            out.append(RULE).append('\n').append("Errors (all requests)\n");
            s.errors().forEach((message, count) -> out.append(f("%8d  %s%n", count, message)));
        }
        out.append("=".repeat(64)).append('\n');
        return out.toString();
    }

    private static void server(StringBuilder out, Summary s) {
        if (s.server() == null) {
            return;
        }
        ServerDelta cluster = s.server().cluster();
        line(out, "Server TTFT / E2E", millis(cluster.ttftMeanSeconds()) + " / " + millis(cluster.e2eMeanSeconds())
                + " mean (Δ /metrics, warmup included)");
        line(out, "Server prefix hits", cluster.prefixHitRate() == null ? "-"
                : f("%.3f of %.0f query tokens", cluster.prefixHitRate(), cluster.prefixQueryTokens()));
        line(out, "Server preemptions", String.valueOf(cluster.preemptions()));
        line(out, "Client − server TTFT", millis(s.client().ttftMinusServerSeconds())
                + " (client mean " + millis(s.client().ttftMeanAllSeconds()) + ")");
        for (ServerDelta engine : s.server().engines()) {
            out.append(engine.error() != null ? f("  %-26s unavailable: %s%n", engine.engine(), engine.error())
                    : f("  %-26s %6d req  TTFT %s  hit %s  preempt %d%n", engine.engine(), engine.requests(),
                            millis(engine.ttftMeanSeconds()), number(engine.prefixHitRate(), "%.3f"),
                            engine.preemptions()));
        }
    }

    private static void stepStats(StringBuilder out, StepStatsReport report) {
        if (report == null) {
            return;
        }
        StepStatsReport.Aggregate a = report.aggregate();
        line(out, "Step fidelity", a == null ? "no steps reported" : f(
                "%d steps, modelled %.2f ms vs measured %.2f ms, |err| mean %.2f p99<=%.2f max %.2f ms, %.1f %% in "
                        + "tolerance", a.steps(), a.modelledMsMean(), a.measuredMsMean(), a.absErrorMsMean(),
                a.worstAbsErrorMsP99(), a.absErrorMsMax(), a.withinToleranceRatio() * 100));
        report.engines().stream().filter(e -> e.error() != null)
                .forEach(e -> out.append(f("  %-26s unavailable: %s%n", e.engine(), e.error())));
    }

    private static void latency(StringBuilder out, String name, Distribution d) {
        if (d == null) {
            out.append(f("%-18s%10s%10s%10s%10s%10s%n", name, "-", "-", "-", "-", "-"));
            return;
        }
        out.append(f("%-18s%10.2f%10.2f%10.2f%10.2f%10.2f%n", name, d.mean() * 1e3, d.p50() * 1e3, d.p90() * 1e3,
                d.p99() * 1e3, d.max() * 1e3));
    }

    static String slo(Slo slo) {
        StringBuilder text = new StringBuilder();
        append(text, "TTFT", slo.ttftSeconds());
        append(text, "TPOT", slo.tpotSeconds());
        append(text, "E2E", slo.e2eSeconds());
        return text.toString();
    }

    private static void append(StringBuilder text, String name, Double bound) {
        if (bound != null) {
            text.append(text.isEmpty() ? "" : ", ").append(name).append(" <= ").append(bound).append(" s");
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(f("%-22s%s%n", label, value));
    }

    private static String millis(Double seconds) {
        return seconds == null ? "-" : f("%.2f ms", seconds * 1e3);
    }

    private static String number(Double value, String format) {
        return value == null ? "-" : f(format, value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
