package io.aibrix.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.aibrix.benchmark.report.ReportWriter;
import io.aibrix.testsupport.EngineFleetExtension;

/** Runs the real command line against two simulated engines with a shared-prefix workload. */
class BenchmarkIntegrationTests {

    @RegisterExtension
    static EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .build();

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sharedPrefixRunSucceedsOnBothEnginesAndHitsTheirPrefixCaches() throws IOException {
        List<String> args = new ArrayList<>();
        for (URI engine : fleet.baseUris()) {
            args.add("--target");
            args.add(engine.toString());
        }
        args.addAll(List.of("--workload", "shared-prefix", "--groups", "3", "--prefix-tokens", "256",
                "--suffix-tokens", "16", "--output-tokens", "8", "--qps", "10", "--duration", "3", "--seed", "1",
                "--scrape-engine-metrics", "--step-stats", "--no-progress", "--output-dir", dir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchmarkCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(args.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(ReportWriter.FILES).allSatisfy(name -> assertThat(dir.resolve(name)).isNotEmptyFile());
        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        long total = summary.path("counts").path("total").asLong();
        assertThat(total).isGreaterThan(10);
        assertThat(summary.path("counts").path("succeeded").asLong()).isEqualTo(total);
        assertThat(summary.path("counts").path("failed").asLong()).isZero();
        assertThat(summary.path("errors").isEmpty()).isTrue();

        List<String> pods = new ArrayList<>();
        summary.path("pods").fieldNames().forEachRemaining(pods::add);
        assertThat(pods).containsExactlyInAnyOrderElementsOf(fleet.baseUris().stream()
                .map(uri -> uri.getHost() + ":" + uri.getPort()).toList());
        assertThat(summary.path("pods")).allSatisfy(pod -> assertThat(pod.path("requests").asLong()).isPositive());

        // 3 groups over ~30 requests: every group repeats on each engine, so usage reports cached prefix tokens
        assertThat(summary.path("tokens").path("cached").asLong()).isPositive();
        List<String> rows = Files.readAllLines(dir.resolve("requests.jsonl"));
        assertThat(rows).hasSize((int) total);
        long rowsWithCache = rows.stream().map(this::read).filter(r -> r.path("cachedTokens").asInt() > 0).count();
        assertThat(rowsWithCache).isPositive();

        assertThat(summary.path("server").path("cluster").path("requests").asLong()).isEqualTo(total);
        assertThat(summary.path("server").path("cluster").path("prefixHitRate").asDouble()).isPositive();
        assertThat(out.toString()).contains("Benchmark summary");
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
