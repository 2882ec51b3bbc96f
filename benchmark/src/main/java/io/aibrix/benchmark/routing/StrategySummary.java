package io.aibrix.benchmark.routing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One strategy on one scenario (with a given number of gateways): the mean over its seeds of every per-run
 * statistic (so "p99" is the mean of the runs' p99s), except {@code failed} and {@code serverErrors}, which are
 * totals. A statistic is null when no run measured it.
 */
record StrategySummary(Scenario scenario, String strategy, int gateways, int seeds, double requests, long failed,
        long serverErrors, Double ttftMean, Double ttftP50, Double ttftP99, Double e2eMean, Double tpotMean,
        Double hitRate, Double preemptions, double maxEngineShare, Map<String, ClassLatency> classes) {

    StrategySummary {
        classes = Collections.unmodifiableMap(new TreeMap<>(classes));
    }

    /** Summarises runs that share scenario, strategy and gateway count. */
    static StrategySummary of(List<RunMeasurement> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        RunKey first = runs.getFirst().key();
        Map<String, ClassLatency> classes = new TreeMap<>();
        TreeSet<String> classNames = new TreeSet<>();
        runs.forEach(run -> classNames.addAll(run.classes().keySet()));
        for (String name : classNames) {
            List<ClassLatency> perRun = runs.stream().map(run -> run.classes().get(name)).filter(Objects::nonNull)
                    .toList();
            classes.put(name, new ClassLatency(Math.round(perRun.stream().mapToLong(ClassLatency::requests)
                    .average().orElse(0)), mean(perRun, ClassLatency::ttftMeanSeconds),
                    mean(perRun, ClassLatency::e2eMeanSeconds)));
        }
        return new StrategySummary(first.scenario(), first.strategy(), first.gateways(), runs.size(),
                runs.stream().mapToLong(RunMeasurement::requests).average().orElse(0),
                runs.stream().mapToLong(RunMeasurement::failed).sum(),
                runs.stream().mapToLong(RunMeasurement::serverErrors).sum(),
                mean(runs, RunMeasurement::ttftMean), mean(runs, RunMeasurement::ttftP50),
                mean(runs, RunMeasurement::ttftP99), mean(runs, RunMeasurement::e2eMean),
                mean(runs, RunMeasurement::tpotMean), mean(runs, RunMeasurement::hitRate),
                mean(runs, run -> run.preemptions() == null ? null : run.preemptions().doubleValue()),
                runs.stream().mapToDouble(RunMeasurement::maxEngineShare).average().orElse(0), classes);
    }

    private static <T> Double mean(List<T> values, Function<T, Double> metric) {
        return values.stream().map(metric).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average()
                .stream().boxed().findFirst().orElse(null);
    }
}
