package io.aibrix.benchmark.routing;

import static io.aibrix.benchmark.routing.Scenario.Strategies.KV_AWARE;
import static io.aibrix.benchmark.routing.Scenario.Strategies.LEAST_REQUEST;
import static io.aibrix.benchmark.routing.Scenario.Strategies.PREFIX_CACHE;
import static io.aibrix.benchmark.routing.Scenario.Strategies.RANDOM;
import static io.aibrix.benchmark.routing.Scenario.Strategies.VTC;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.aibrix.benchmark.routing.CheckResult.Status;

/**
 * The "done when" thresholds, evaluated on the mean of seeds. Prefix-aware checks apply to the two
 * strategies the issue names for scenario A, {@code prefix-cache} and {@code kv-aware}. "kv-aware at least as good as
 * prefix-cache" allows 5 % for run-to-run noise; every other threshold is the number as written.
 */
final class AcceptanceChecks {

    static final List<String> PREFIX_AWARE = List.of(PREFIX_CACHE, KV_AWARE);
    static final double A_VS_RANDOM = 0.35;
    static final double A_VS_LEAST_REQUEST = 0.5;
    static final double A_MIN_HIT_RATE = 0.75;
    static final double B_VS_RANDOM = 0.6;
    static final double C_MAX_ENGINE_SHARE = 0.40;
    static final double D_VS_LEAST_REQUEST = 1.10;
    static final double E_MAX_OVERALL_RATIO = 1.10;
    static final double KV_AWARE_NOISE = 1.05;
    static final double REPLICA_HIT_RATIO = 0.90;

    private final RoutingResults results;
    private final int gateways;
    private final int replicaGateways;
    private final List<String> replicaStrategies;
    private final List<CheckResult> checks = new ArrayList<>();

    private AcceptanceChecks(RoutingResults results, int gateways, int replicaGateways,
            List<String> replicaStrategies) {
        this.results = results;
        this.gateways = gateways;
        this.replicaGateways = replicaGateways;
        this.replicaStrategies = replicaStrategies;
    }

    static List<CheckResult> evaluate(RoutingResults results, RoutingPlan plan) {
        AcceptanceChecks checks = new AcceptanceChecks(results, plan.gateways(), plan.replicaGateways(),
                plan.replicaStrategies());
        checks.all(plan.scenarios());
        return List.copyOf(checks.checks);
    }

    private void all(List<Scenario> scenarios) {
        for (String strategy : PREFIX_AWARE) {
            if (scenarios.contains(Scenario.A)) {
                ratio(Scenario.A, strategy, RANDOM, "TTFT mean", StrategySummary::ttftMean, A_VS_RANDOM);
                ratio(Scenario.A, strategy, LEAST_REQUEST, "TTFT mean", StrategySummary::ttftMean,
                        A_VS_LEAST_REQUEST);
                atLeast(Scenario.A, strategy, "cluster prefix hit rate", StrategySummary::hitRate, A_MIN_HIT_RATE);
            }
            if (scenarios.contains(Scenario.B)) {
                ratio(Scenario.B, strategy, RANDOM, "TTFT mean", StrategySummary::ttftMean, B_VS_RANDOM);
            }
            if (scenarios.contains(Scenario.C)) {
                ratio(Scenario.C, strategy, LEAST_REQUEST, "TTFT p99", StrategySummary::ttftP99, 1.0);
                atMost(Scenario.C, strategy, "largest engine share", s -> s.maxEngineShare(), C_MAX_ENGINE_SHARE);
            }
            if (scenarios.contains(Scenario.D)) {
                ratio(Scenario.D, strategy, LEAST_REQUEST, "TTFT mean", StrategySummary::ttftMean,
                        D_VS_LEAST_REQUEST);
            }
        }
        if (scenarios.contains(Scenario.D)) {
            noServerErrors(Scenario.D);
        }
        if (scenarios.contains(Scenario.E)) {
            fairness();
        }
        for (Scenario scenario : List.of(Scenario.A, Scenario.B, Scenario.C)) {
            if (scenarios.contains(scenario)) {
                ratio(scenario, KV_AWARE, PREFIX_CACHE, "TTFT mean", StrategySummary::ttftMean, KV_AWARE_NOISE);
            }
        }
        if (scenarios.contains(Scenario.A) && replicaGateways != gateways) {
            for (String strategy : replicaStrategies) {
                replicas(strategy);
            }
        }
    }

    /** {@code subject}'s metric at most {@code factor} times {@code reference}'s. */
    private void ratio(Scenario scenario, String subject, String reference, String metricName,
            Function<StrategySummary, Double> metric, double factor) {
        String check = factor == 1.0
                ? String.format(Locale.ROOT, "%s %s <= %s's", subject, metricName, reference)
                : String.format(Locale.ROOT, "%s %s <= %s x %s", subject, metricName, trim(factor), reference);
        Optional<StrategySummary> s = summary(scenario, subject);
        Optional<StrategySummary> r = summary(scenario, reference);
        if (s.isEmpty() || r.isEmpty() || metric.apply(s.get()) == null || metric.apply(r.get()) == null) {
            notRun(scenario, check, s.isEmpty() ? subject : reference);
            return;
        }
        double value = metric.apply(s.get());
        double base = metric.apply(r.get());
        String measured = String.format(Locale.ROOT, "%s vs %s (%.2fx)", Formats.millis(value), Formats.millis(base),
                base > 0 ? value / base : Double.NaN);
        checks.add(new CheckResult(scenario.name(), check, measured, value <= factor * base ? Status.PASS
                : Status.FAIL));
    }

    private void atLeast(Scenario scenario, String subject, String metricName,
            Function<StrategySummary, Double> metric, double bound) {
        String check = subject + " " + metricName + " >= " + trim(bound);
        Optional<StrategySummary> s = summary(scenario, subject);
        if (s.isEmpty() || metric.apply(s.get()) == null) {
            notRun(scenario, check, subject);
            return;
        }
        double value = metric.apply(s.get());
        checks.add(new CheckResult(scenario.name(), check, String.format(Locale.ROOT, "%.3f", value),
                value >= bound ? Status.PASS : Status.FAIL));
    }

    private void atMost(Scenario scenario, String subject, String metricName,
            Function<StrategySummary, Double> metric, double bound) {
        String check = subject + " " + metricName + " <= " + trim(bound);
        Optional<StrategySummary> s = summary(scenario, subject);
        if (s.isEmpty() || metric.apply(s.get()) == null) {
            notRun(scenario, check, subject);
            return;
        }
        double value = metric.apply(s.get());
        checks.add(new CheckResult(scenario.name(), check, String.format(Locale.ROOT, "%.3f", value),
                value <= bound ? Status.PASS : Status.FAIL));
    }

    private void noServerErrors(Scenario scenario) {
        List<StrategySummary> all = results.summaries(scenario, gateways);
        if (all.isEmpty()) {
            notRun(scenario, "no 5xx answers", "any strategy");
            return;
        }
        long errors = all.stream().mapToLong(StrategySummary::serverErrors).sum();
        checks.add(new CheckResult(scenario.name(), "no 5xx answers (every strategy)", errors + " 5xx in "
                + all.size() + " strategies", errors == 0 ? Status.PASS : Status.FAIL));
    }

    private void fairness() {
        String lightCheck = VTC + " light users' mean E2E < " + RANDOM + "'s";
        String overallCheck = VTC + " overall mean E2E <= " + trim(E_MAX_OVERALL_RATIO) + " x " + RANDOM;
        Optional<StrategySummary> vtc = summary(Scenario.E, VTC);
        Optional<StrategySummary> random = summary(Scenario.E, RANDOM);
        if (vtc.isEmpty() || random.isEmpty()) {
            notRun(Scenario.E, lightCheck, vtc.isEmpty() ? VTC : RANDOM);
            notRun(Scenario.E, overallCheck, vtc.isEmpty() ? VTC : RANDOM);
            return;
        }
        ClassLatency vtcLight = vtc.get().classes().get(Scenario.UserClasses.LIGHT);
        ClassLatency randomLight = random.get().classes().get(Scenario.UserClasses.LIGHT);
        if (vtcLight == null || randomLight == null || vtcLight.e2eMeanSeconds() == null
                || randomLight.e2eMeanSeconds() == null) {
            notRun(Scenario.E, lightCheck, "light users");
        }
        else {
            double value = vtcLight.e2eMeanSeconds();
            double base = randomLight.e2eMeanSeconds();
            checks.add(new CheckResult(Scenario.E.name(), lightCheck, String.format(Locale.ROOT,
                    "%s vs %s (%.2fx)", Formats.millis(value), Formats.millis(base), value / base),
                    value < base ? Status.PASS : Status.FAIL));
        }
        ratio(Scenario.E, VTC, RANDOM, "overall mean E2E", StrategySummary::e2eMean, E_MAX_OVERALL_RATIO);
    }

    private void replicas(String strategy) {
        String check = String.format(Locale.ROOT, "%s hit rate with %d gateways >= %s x with %d", strategy,
                replicaGateways, trim(REPLICA_HIT_RATIO), gateways);
        Optional<StrategySummary> many = results.summary(Scenario.A, strategy, replicaGateways);
        Optional<StrategySummary> one = results.summary(Scenario.A, strategy, gateways);
        if (many.isEmpty() || one.isEmpty() || many.get().hitRate() == null || one.get().hitRate() == null) {
            notRun(Scenario.A, check, strategy);
            return;
        }
        double value = many.get().hitRate();
        double base = one.get().hitRate();
        checks.add(new CheckResult(Scenario.A.name(), check, String.format(Locale.ROOT, "%.3f vs %.3f", value,
                base), value >= REPLICA_HIT_RATIO * base ? Status.PASS : Status.FAIL));
    }

    private Optional<StrategySummary> summary(Scenario scenario, String strategy) {
        return results.summary(scenario, strategy, gateways);
    }

    private void notRun(Scenario scenario, String check, String missing) {
        String reason = results.unavailable().containsKey(missing) ? missing + " is not in this gateway build"
                : missing + " was not measured";
        checks.add(new CheckResult(scenario.name(), check, reason, Status.NOT_RUN));
    }

    private static String trim(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
