/**
 * The {@code benchmark} command line: options, their validation into a {@link io.aibrix.benchmark.BenchmarkPlan},
 * and the run sequence (model lookup, engine snapshots, load, reports).
 */
package io.aibrix.benchmark;
