package io.aibrix.benchmark.run;

import io.aibrix.benchmark.workload.RequestSpec;

/**
 * A request handed to the executor: {@code intendedNanos} is when the workload wanted it sent, {@code runStartNanos}
 * the run's time origin (both {@link NanoClock} values).
 */
public record Dispatch(long id, RequestSpec spec, long runStartNanos, long intendedNanos) {

    public double secondsSinceStart(long nanos) {
        return (nanos - runStartNanos) / 1e9;
    }
}
