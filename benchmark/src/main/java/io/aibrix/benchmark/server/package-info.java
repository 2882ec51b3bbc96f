/**
 * What the engines themselves report: vLLM Prometheus counters scraped before and after a run, and the simulator's
 * step-duration fidelity statistics.
 */
package io.aibrix.benchmark.server;
