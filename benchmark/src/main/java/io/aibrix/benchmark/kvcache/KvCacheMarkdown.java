package io.aibrix.benchmark.kvcache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the measured TTFT-vs-QPS comparison between the {@code tiers:begin}/{@code tiers:end} markers of the
 * KV-cache report, and its two charts (mean and p99) as SVG files beside it; a run with session routing writes its
 * own section ({@code tiers-session:begin}/{@code tiers-session:end}) and charts ({@code kvcache-session-*.svg}), so
 * the report keeps both.
 */
final class KvCacheMarkdown {

    static final String BEGIN = "<!-- tiers:begin -->";
    static final String END = "<!-- tiers:end -->";
    static final String MEAN_SVG = "kvcache-ttft-mean.svg";
    static final String P99_SVG = "kvcache-ttft-p99.svg";
    static final String SESSION_BEGIN = "<!-- tiers-session:begin -->";
    static final String SESSION_END = "<!-- tiers-session:end -->";
    static final String SESSION_MEAN_SVG = "kvcache-session-ttft-mean.svg";
    static final String SESSION_P99_SVG = "kvcache-session-ttft-p99.svg";

    /** Where one routing's results go in the report, and how they are labelled. */
    private record Target(String begin, String end, String meanSvg, String p99Svg, String chartLabel,
            String description) {

        static final Target RANDOM = new Target(BEGIN, END, MEAN_SVG, P99_SVG, "random routing",
                "each request to a random engine");
        static final Target SESSION = new Target(SESSION_BEGIN, SESSION_END, SESSION_MEAN_SVG, SESSION_P99_SVG,
                "session routing", "a session's turns to one engine");

        static Target of(KvCachePlan plan) {
            return plan.sessionRouting() ? SESSION : RANDOM;
        }
    }

    private KvCacheMarkdown() {
    }

    static void write(Path markdown, KvCachePlan plan, List<PointResult> points, String machine)
            throws IOException {
        Target target = Target.of(plan);
        String document = Files.readString(markdown, StandardCharsets.UTF_8);
        int begin = document.indexOf(target.begin());
        int end = document.indexOf(target.end());
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(markdown + " has no " + target.begin() + " ... " + target.end()
                    + " section to replace");
        }
        Path directory = markdown.toAbsolutePath().getParent();
        List<Double> qps = plan.qps();
        String title = " TTFT vs QPS (" + plan.engines() + " engines, multi-turn, " + target.chartLabel() + ")";
        Files.writeString(directory.resolve(target.meanSvg()), TtftChart.render("Mean" + title, points,
                plan.setups(), qps, PointResult::ttftMeanSeconds));
        Files.writeString(directory.resolve(target.p99Svg()), TtftChart.render("P99" + title, points,
                plan.setups(), qps, PointResult::ttftP99Seconds));
        String updated = document.substring(0, begin + target.begin().length()) + "\n" + machine + "\n\n"
                + section(plan, points) + document.substring(end);
        Files.writeString(markdown, updated, StandardCharsets.UTF_8);
    }

    static String section(KvCachePlan plan, List<PointResult> points) {
        Target target = Target.of(plan);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d engines (`%s`, %d GPU blocks = %,d tokens each); %d sessions of %d "
                + "turns (%d shared system prompts of %d tokens, %d user tokens and %d output tokens per turn, mean "
                + "think time %s s); distinct prefixes %,d tokens = %.1f× one engine's GPU KV capacity. L1: %,d "
                + "blocks per engine; L2: %d cache nodes of %,d blocks. Routing: %s. Each point is a fresh "
                + "cluster.%n%n",
                plan.engines(), plan.profile(), plan.gpuBlocks(), plan.gpuTokensPerEngine(), plan.sessions(),
                plan.turns(), plan.systemPrompts(), plan.systemTokens(), plan.userTokens(), plan.outputTokens(),
                TtftChart.trim(plan.thinkSeconds()), plan.distinctPrefixTokens(),
                (double) plan.distinctPrefixTokens() / plan.gpuTokensPerEngine(), plan.l1Blocks(),
                plan.cacheNodes(), plan.nodeBlocks(),
                target.description()));
        md.append("TTFT in seconds, mean / p99:\n\n| QPS |");
        plan.setups().forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append("\n|---|");
        plan.setups().forEach(s -> md.append("---|"));
        md.append('\n');
        for (double q : plan.qps()) {
            md.append("| ").append(TtftChart.trim(q)).append(" |");
            for (TierSetup setup : plan.setups()) {
                PointResult p = find(points, setup, q);
                md.append(p == null ? " – |" : String.format(Locale.ROOT, " %s / %s%s |",
                        seconds(p.ttftMeanSeconds()), seconds(p.ttftP99Seconds()),
                        p.failed() > 0 ? " (" + p.failed() + " failed)" : ""));
            }
            md.append('\n');
        }
        md.append("\nWhere the prompt tokens' KV came from (share of the prompt tokens the engines looked up: GPU "
                + "prefix cache / L1 / L2), and the share the responses report as `cached_tokens`:\n\n| QPS |");
        plan.setups().forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append("\n|---|");
        plan.setups().forEach(s -> md.append("---|"));
        md.append('\n');
        for (double q : plan.qps()) {
            md.append("| ").append(TtftChart.trim(q)).append(" |");
            for (TierSetup setup : plan.setups()) {
                PointResult p = find(points, setup, q);
                md.append(p == null ? " – |" : String.format(Locale.ROOT, " %.0f / %.0f / %.0f %% (cached %.0f %%) |",
                        100 * p.gpuShare(), 100 * p.l1Share(), 100 * p.l2Share(), 100 * p.cachedShare()));
            }
            md.append('\n');
        }
        md.append("\n![Mean TTFT vs QPS](").append(target.meanSvg()).append(")\n![P99 TTFT vs QPS](")
                .append(target.p99Svg()).append(")\n");
        return md.toString();
    }

    private static PointResult find(List<PointResult> points, TierSetup setup, double qps) {
        return points.stream().filter(p -> p.setup() == setup && p.qps() == qps).findFirst().orElse(null);
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
    }
}
