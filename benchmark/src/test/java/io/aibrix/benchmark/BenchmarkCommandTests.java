package io.aibrix.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import io.aibrix.benchmark.run.NanoClock;

/**
 * Tests for {@link BenchmarkCommand} that need no engine: option validation, help and an unreachable target. Runs
 * against simulated engines are in {@link BenchmarkCommandIntegrationTests}.
 */
class BenchmarkCommandTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

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
                "--scrape-engine-metrics", "--step-stats", "--max-concurrency", "--request-timeout", "--no-progress",
                "routing");
    }

    @Test
    void routingSubcommandSharesTheBadOptionHandling() {
        assertThat(execute(List.of("routing", "--scenarios", "F"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: ").contains("'--scenarios'", "unknown scenario 'F'")
                .contains("benchmark routing --help").doesNotContain("\tat ");
    }

    private int execute(List<String> args) {
        CommandLine commandLine = BenchmarkCommand.configure(new CommandLine(
                new BenchmarkCommand(Clock.systemUTC(), NanoClock.system())));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args.toArray(String[]::new));
    }
}
