package io.aibrix.benchmark.overhead;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Markdown tables for the overhead benchmark, printed as the runs finish. */
final class OverheadReport {

    /** One alternation: the engine measured directly, then through the gateway. */
    record Round(int number, PacedLoad.Result direct, PacedLoad.Result gateway) {
    }

    private final PrintWriter out;

    OverheadReport(PrintWriter out) {
        this.out = out;
    }

    void header(String title) {
        out.printf("%n### %s%n%n", title);
        out.flush();
    }

    /**
     * One row per path and round, then the added latency (gateway minus direct, per round; the median over rounds).
     *
     * @param firstToken compare time to first token instead of the whole response
     */
    void compare(List<Round> rounds, boolean firstToken) {
        out.println("| round | path | achieved req/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        double[][] added = new double[3][rounds.size()];
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            Percentiles direct = row(round.number(), "engine", round.direct(), firstToken);
            Percentiles proxied = row(round.number(), "gateway", round.gateway(), firstToken);
            added[0][i] = proxied.p50() - direct.p50();
            added[1][i] = proxied.p90() - direct.p90();
            added[2][i] = proxied.p99() - direct.p99();
        }
        out.printf(Locale.ROOT, "%nAdded by the gateway (%s), per round: p50 %s ms, p90 %s ms, p99 %s ms; "
                + "median over rounds: **p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms**%n",
                firstToken ? "time to first token" : "end-to-end", list(added[0]), list(added[1]), list(added[2]),
                median(added[0]), median(added[1]), median(added[2]));
        out.flush();
    }

    /** One sweep step; returns whether the path sustained the rate. */
    boolean sweepRow(String path, PacedLoad.Result result, Duration sloP99) {
        Percentiles latency = Percentiles.of(result.latencyNanos());
        boolean sustained = result.errors() == 0 && result.achievedRate() >= 0.99 * result.offeredRate()
                && latency.p99() <= sloP99.toNanos() / 1e6;
        out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %.2f | %.2f | %s |%n", number(result.offeredRate()), path,
                result.achievedRate(), result.errors(), latency.p50(), latency.p99(), sustained ? "yes" : "no");
        out.flush();
        return sustained;
    }

    void sweepHeader() {
        out.println("| offered req/s | path | achieved req/s | errors | p50 ms | p99 ms | sustained |");
        out.println("|---|---|---|---|---|---|---|");
    }

    private Percentiles row(int round, String path, PacedLoad.Result result, boolean firstToken) {
        Percentiles p = Percentiles.of(firstToken ? result.firstTokenNanos() : result.latencyNanos());
        out.printf(Locale.ROOT, "| %d | %s | %.1f | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", round, path,
                result.achievedRate(), result.errors(), p.p50(), p.p90(), p.p99(), p.p999(), p.max());
        return p;
    }

    private static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%+.2f", value));
        }
        return text.toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
