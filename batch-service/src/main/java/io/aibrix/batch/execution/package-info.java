/**
 * Per-line execution of batches: the input streamed line by line, requests sent round-robin to the targets with
 * retries (exponential backoff with jitter) under an adaptive AIMD concurrency limit, each result stored before it
 * counts.
 */
package io.aibrix.batch.execution;
