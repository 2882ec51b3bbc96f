package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Tests for {@link RoutingCommand}'s options; the runs themselves are in the integration tests. */
class RoutingCommandTests {

    private final StringWriter err = new StringWriter();

    @Test
    void defaultsAreTheIssuesBenchmark() {
        RoutingCommand command = new RoutingCommand();
        new CommandLine(command).parseArgs("--results-dir", "out");

        RoutingPlan plan = command.plan(OffsetDateTime.parse("2026-11-21T10:00:00Z"));

        assertThat(plan).isEqualTo(RoutingPlan.issueDefaults(Path.of("out")));
    }

    @Test
    void strategiesAndDurationsAreTakenAsTyped() {
        RoutingCommand command = new RoutingCommand();
        new CommandLine(command).parseArgs("--scenarios", "c,a,c", "--strategies", "random,least-request",
                "--strategy", "prefix-cache:2,least-request", "--duration", "2.5m", "--warmup", "500ms",
                "--replica-check", "none", "--gateway-property", "gateway.x=1", "--seeds", "5");

        RoutingPlan plan = command.plan(OffsetDateTime.parse("2026-11-21T10:00:00Z"));

        assertThat(plan.scenarios()).containsExactly(Scenario.C, Scenario.A);
        assertThat(plan.strategiesFor(Scenario.A)).containsExactly("random", "least-request",
                "prefix-cache:2,least-request");
        assertThat(plan.durationSeconds()).isEqualTo(150);
        assertThat(plan.warmupSeconds()).isEqualTo(0.5);
        assertThat(plan.replicaStrategies()).isEmpty();
        assertThat(plan.cluster().gatewayProperties()).containsEntry("gateway.x", "1");
        assertThat(plan.resultsDirectory().toString()).isEqualTo("benchmark-results/routing-20261121-100000");
        assertThat(plan.runs()).hasSize(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--scenarios F|unknown scenario 'F'",
            "--duration 10s --warmup 10s|--warmup",
            "--gateways 0|--gateways",
            "--duration soon|expected a duration such as 90, 90s, 1.5m or 500ms but was 'soon'",
            "--load-scale 0|--load-scale"})
    void badOptionsExitWithTwoAndNameTheOption(String args, String message) {
        int exit = execute(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new RoutingCommand());
        commandLine.setOut(new PrintWriter(out));

        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--scenarios=LIST", "Default: A,B,C,D,E", "--duration=TIME",
                "Default: 60s", "--warmup=TIME", "--gateways=N", "--replica-check=LIST",
                "--strategy=SPEC", "--markdown=FILE", "Default: docs/benchmarks/routing.md");
    }

    @Test
    void secondsConverterReadsUnits() {
        RoutingCommand.SecondsConverter seconds = new RoutingCommand.SecondsConverter();
        assertThat(List.of(seconds.convert("90"), seconds.convert("90s"), seconds.convert("1.5m"),
                seconds.convert("250ms"))).containsExactly(90.0, 90.0, 90.0, 0.25);
        assertThatThrownBy(() -> seconds.convert("-1s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    private int execute(String... args) {
        CommandLine commandLine = new CommandLine(new RoutingCommand());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
