package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.run.NanoClock;

/**
 * Tests for {@link RoutingBenchmark} against the issue's full thresholds: the whole matrix (all scenarios, default
 * strategies, seeds 1 and 2, the replica runs), about an hour on 2 cores, so tagged {@code benchmark} and left out of
 * the default build. Run it with {@code mvn -B -pl benchmark -am verify -Pbenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RoutingAcceptanceIntegrationTests
 * -Dfailsafe.failIfNoSpecifiedTests=false}; {@code -Drouting.duration=150 -Drouting.warmup=30} gives engine-model
 * §5.3's run length. The report and charts are written under {@code target/routing-acceptance}.
 */
@Tag("benchmark")
class RoutingAcceptanceIntegrationTests {

    @Test
    void everyAcceptanceCheckOfTheIssuePasses() throws Exception {
        Path out = Path.of("target", "routing-acceptance");
        RoutingPlan defaults = RoutingPlan.issueDefaults(out.resolve("results"));
        RoutingPlan plan = new RoutingPlan(defaults.scenarios(), defaults.strategies(), defaults.seeds(),
                seconds("routing.duration", defaults.durationSeconds()),
                seconds("routing.warmup", defaults.warmupSeconds()), defaults.gateways(),
                defaults.replicaStrategies(), defaults.replicaGateways(), defaults.loadScale(),
                defaults.jitWarmupSeconds(), defaults.requestTimeout(), defaults.cluster(),
                defaults.resultsDirectory(), false);
        long start = System.nanoTime();

        RoutingResults results = new RoutingBenchmark(plan, Clock.systemUTC(), NanoClock.system(), null,
                System.out::println).run();

        List<CheckResult> checks = AcceptanceChecks.evaluate(results, plan);
        Files.createDirectories(out.resolve("charts"));
        Files.writeString(out.resolve("charts").resolve("index.html"),
                RoutingChartsPage.render(plan, results, out.resolve("charts")), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("routing.md"), RoutingMarkdown.render(plan, results, checks,
                MachineInfo.current(), "mvn -B -pl benchmark -am verify -Pbenchmark", OffsetDateTime.now(),
                Duration.ofNanos(System.nanoTime() - start), "charts/index.html"), StandardCharsets.UTF_8);
        assertThat(checks).isNotEmpty().allSatisfy(check -> assertThat(check.status())
                .as("%s: %s (%s)", check.scenario(), check.check(), check.measured())
                .isEqualTo(CheckResult.Status.PASS));
    }

    private static double seconds(String property, double fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : new RoutingCommand.SecondsConverter().convert(value);
    }
}
