/**
 * {@code benchmark batch}: batch-service against a direct saturating client on the same in-process simulated engines,
 * upload and validation of a maximum-size input file, and the service's heap, written as
 * {@code docs/benchmarks/batch.md}.
 */
package io.aibrix.benchmark.batch;
