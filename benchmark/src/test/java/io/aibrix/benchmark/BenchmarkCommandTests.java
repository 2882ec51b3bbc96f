package io.aibrix.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import io.aibrix.benchmark.client.FakeEngine;
import io.aibrix.benchmark.report.ReportWriter;
import io.aibrix.benchmark.run.NanoClock;

/** Tests for {@link BenchmarkCommand}: option handling and a short run against two {@link FakeEngine}s. */
class BenchmarkCommandTests {

    private final ObjectMapper json = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<FakeEngine> engines = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopEngines() {
        engines.forEach(FakeEngine::close);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--qps", "0"), "'--qps'", "'0'"),
                Arguments.of(List.of("--qps", "fast"), "'--qps'", "'fast'"),
                Arguments.of(List.of("--api", "responses"), "'--api'", "'responses'"),
                Arguments.of(List.of("--workload", "burst"), "'--workload'", "'burst'"),
                Arguments.of(List.of("--target-policy", "sticky"), "'--target-policy'", "'sticky'"),
                Arguments.of(List.of("--target", "localhost:8000"), "'--target'", "'localhost:8000'"),
                Arguments.of(List.of("--duration", "10", "--warmup", "10"), "'--warmup'", "'10'"),
                Arguments.of(List.of("--workload", "shared-prefix", "--group-distribution", "pareto"),
                        "'--group-distribution'", "'pareto'"),
                Arguments.of(List.of("--workload", "shared-prefix", "--zipf-alpha", "-1", "--group-distribution",
                        "zipf"), "'--zipf-alpha'", "'-1'"),
                Arguments.of(List.of("--workload", "multi-turn", "--turns", "0"), "'--turns'", "'0'"),
                Arguments.of(List.of("--workload", "trace"), "--trace FILE", "needs"),
                Arguments.of(List.of("--workload", "trace", "--trace", "no-such.csv"), "'--trace'", "no-such.csv"),
                Arguments.of(List.of("--request-mix", "1:300"), "'--request-mix'", "'1:300'"),
                Arguments.of(List.of("--request-mix", "1:300:10", "--output-tokens", "5"), "--request-mix",
                        "drop --input-tokens and --output-tokens"),
                Arguments.of(List.of("--workload", "shared-prefix", "--zipf-alpha", "2"), "--zipf-alpha",
                        "needs --group-distribution zipf"),
                Arguments.of(List.of("--groups", "4"), "--groups", "do not apply to --workload poisson"),
                Arguments.of(List.of("--max-concurrency", "0"), "'--max-concurrency'", "'0'"),
                Arguments.of(List.of("--slo-ttft", "-0.5"), "'--slo-ttft'", "'-0.5'"),
                Arguments.of(List.of("--num-requests", "ten"), "'--num-requests'", "'ten'"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionValueExitsWithTwoAndNamesTheValue(List<String> args, String option, String detail) {
        int exit = execute(args);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: ").contains(option).contains(detail)
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void fileAsOutputDirectoryIsABadOption() throws IOException {
        Path file = Files.createFile(dir.resolve("results.txt"));
        assertThat(execute(List.of("--output-dir", file.toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("'--output-dir'", "results.txt", "must be a directory");
    }

    @Test
    void unreachableTargetExitsWithOneAndAMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int exit = execute(List.of("--target", "http://127.0.0.1:" + closedPort, "--output-dir", dir.toString()));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot list models at http://127.0.0.1:" + closedPort)
                .doesNotContain("\tat ");
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefault() {
        assertThat(execute(List.of("--help"))).isZero();
        assertThat(out.toString()).contains("--target=URL", "Default: http://127.0.0.1:8888", "--target-policy",
                "--routing-strategy", "--group-distribution", "--think-time", "--trace-speedup", "--slo-tpot",
                "--scrape-engine-metrics", "--step-stats", "--max-concurrency", "--request-timeout", "--no-progress");
    }

    @Test
    void sharedPrefixRunAgainstTwoEnginesWritesEveryFile() throws IOException {
        List<String> args = new ArrayList<>(targets(2));
        args.addAll(List.of("--workload", "shared-prefix", "--groups", "3", "--prefix-tokens", "40",
                "--suffix-tokens", "5", "--output-tokens", "4", "--qps", "40", "--num-requests", "30", "--seed", "3",
                "--scrape-engine-metrics", "--step-stats", "--slo-ttft", "1", "--no-progress", "--output-dir",
                dir.toString()));

        assertThat(execute(args)).as(err.toString()).isZero();

        assertThat(ReportWriter.FILES).allSatisfy(name -> assertThat(dir.resolve(name)).isNotEmptyFile());
        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("run").path("model").asText()).isEqualTo("fake-model");
        assertThat(summary.path("counts").path("succeeded").asLong()).isEqualTo(30);
        assertThat(summary.path("pods").size()).isEqualTo(2);
        assertThat(summary.path("tokens").path("cached").asLong()).isPositive();
        assertThat(summary.path("throughput").path("goodRequests").asLong()).isEqualTo(30);
        assertThat(summary.path("server").path("cluster").path("requests").asLong()).isEqualTo(30);
        assertThat(summary.path("stepStats").path("aggregate").path("steps").asLong()).isEqualTo(200);
        assertThat(engines).allSatisfy(engine -> assertThat(engine.stepStatsResets()).isEqualTo(1));
        assertThat(out.toString()).contains("Benchmark summary", "TTFT", "Results in " + dir);
    }

    @Test
    void sameSeedSendsTheSameRequestsToTheSameTargets() throws IOException {
        List<String> targets = targets(2);
        List<String> first = requestKeys(targets, dir.resolve("a"));
        List<String> second = requestKeys(targets, dir.resolve("b"));
        assertThat(first).hasSize(12).isEqualTo(second);
    }

    private List<String> requestKeys(List<String> targets, Path output) throws IOException {
        List<String> args = new ArrayList<>(targets);
        args.addAll(List.of("--workload", "shared-prefix", "--groups", "4", "--prefix-tokens", "8", "--suffix-tokens",
                "2", "--output-tokens", "2", "--qps", "50", "--num-requests", "12", "--seed", "9", "--no-progress",
                "--output-dir", output.toString()));
        assertThat(execute(args)).isZero();
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("requests.jsonl"))) {
            JsonNode row = json.readTree(line);
            keys.add(row.path("id").asText() + "/" + row.path("group").asText() + "/"
                    + row.path("intendedSendSeconds").asText() + "/" + row.path("targetPod").asText());
        }
        return keys;
    }

    private List<String> targets(int count) throws IOException {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeEngine engine = new FakeEngine();
            engines.add(engine);
            args.add("--target");
            args.add(engine.baseUri().toString());
        }
        return args;
    }

    private int execute(List<String> args) {
        CommandLine commandLine = BenchmarkCommand.configure(new CommandLine(
                new BenchmarkCommand(Clock.systemUTC(), NanoClock.system())));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args.toArray(String[]::new));
    }
}
