package io.aibrix.benchmark.workload;

/** An open-loop request and its intended send time in seconds after the start of the run. */
public record ScheduledRequest(long id, double atSeconds, RequestSpec spec) {
}
