package io.aibrix.benchmark.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tests for {@link KvCacheCommand}: the whole benchmark at toy size (instant engines, a few short sessions, two
 * configurations, one rate) with the packaged coordinator as its child JVM, rewriting a report's tiers section.
 */
class KvCacheCommandIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void runsEachConfigurationOnAFreshClusterAndRewritesTheTiersSection() throws Exception {
        Path report = dir.resolve("kvcache.md");
        Files.writeString(report, "# Report\n\nbefore\n" + KvCacheMarkdown.BEGIN + "\nold\n" + KvCacheMarkdown.END
                + "\nafter\n");
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new KvCacheCommand()).setOut(new PrintWriter(out));

        int exit = command.execute("--coordinator-jar", System.getProperty("kvcache.jar"), "--output",
                report.toString(), "--work-dir", dir.resolve("work").toString(), "--profile", "zero",
                "--engines", "2", "--gpu-blocks", "300", "--max-model-len", "4096", "--l1-blocks", "64",
                "--node-blocks", "512", "--qps", "8",
                "--setups", "PREFIX_CACHING,L1_L2", "--sessions", "4", "--turns", "2", "--system-tokens", "50",
                "--user-tokens", "100", "--output-tokens", "4", "--think-seconds", "0.05");

        assertThat(exit).as(out.toString()).isZero();
        String markdown = Files.readString(report);
        assertThat(markdown).startsWith("# Report\n\nbefore\n" + KvCacheMarkdown.BEGIN).endsWith(
                KvCacheMarkdown.END + "\nafter\n");
        assertThat(markdown).doesNotContain("\nold\n").contains("| QPS | prefix caching | + L1 + L2 |")
                .containsPattern("\\| 8 \\| [0-9.]+ / [0-9.]+ \\| [0-9.]+ / [0-9.]+ \\|")
                .doesNotContain("failed");
        assertThat(Files.readString(dir.resolve(KvCacheMarkdown.MEAN_SVG))).startsWith("<svg").contains("+ L1 + L2");
        assertThat(Files.exists(dir.resolve(KvCacheMarkdown.P99_SVG))).isTrue();
        assertThat(out.toString()).contains("prefix caching", "+ L1 + L2", "8 requests (0 failed)");
    }

    @Test
    void rejectsAnUnknownRoutingNamingIt() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KvCacheCommand()).setErr(new PrintWriter(err));

        int exit = command.execute("--coordinator-jar", "x.jar", "--routing", "sticky");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'sticky'");
    }
}
