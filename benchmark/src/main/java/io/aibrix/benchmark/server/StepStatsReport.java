package io.aibrix.benchmark.server;

import java.util.List;

/**
 * Step statistics per engine plus an aggregate: means and the tolerance ratio are step-weighted; percentiles cannot
 * be merged, so the aggregate keeps the worst engine's p99 and the overall max.
 */
public record StepStatsReport(List<Engine> engines, Aggregate aggregate) {

    public StepStatsReport {
        engines = List.copyOf(engines);
    }

    /** One engine's statistics, or the error that prevented reading them. */
    public record Engine(String engine, StepStats stats, String error) {
    }

    /** Milliseconds, like {@link StepStats}. */
    public record Aggregate(long steps, double modelledMsMean, double measuredMsMean, double absErrorMsMean,
            double worstAbsErrorMsP99, double absErrorMsMax, double withinToleranceRatio) {
    }

    static StepStatsReport of(List<Engine> engines) {
        long steps = 0;
        double modelled = 0;
        double measured = 0;
        double error = 0;
        double within = 0;
        double p99 = 0;
        double max = 0;
        for (Engine engine : engines) {
            StepStats stats = engine.stats();
            if (stats == null || stats.steps() <= 0) {
                continue;
            }
            steps += stats.steps();
            modelled += stats.modelledMsMean() * stats.steps();
            measured += stats.measuredMsMean() * stats.steps();
            error += stats.absErrorMsMean() * stats.steps();
            within += stats.withinToleranceRatio() * stats.steps();
            p99 = Math.max(p99, stats.absErrorMsP99());
            max = Math.max(max, stats.absErrorMsMax());
        }
        Aggregate aggregate = steps == 0 ? null
                : new Aggregate(steps, modelled / steps, measured / steps, error / steps, p99, max, within / steps);
        return new StepStatsReport(engines, aggregate);
    }
}
