package io.aibrix.benchmark.workload;

/** One trace record; {@code timestampNanos} is only meaningful relative to other rows of the same trace. */
public record TraceRow(long timestampNanos, int contextTokens, int generatedTokens) {
}
