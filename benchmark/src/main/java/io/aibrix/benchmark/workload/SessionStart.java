package io.aibrix.benchmark.workload;

/** A multi-turn session's arrival: its first turn is due {@code atSeconds} after the start of the run. */
public record SessionStart(int session, double atSeconds) {
}
