/**
 * {@code benchmark kvcache}: TTFT against QPS on simulated engines with no prefix caching, prefix caching, an L1
 * host-memory tier and L1 plus L2 cache nodes found through a real kvcache-coordinator.
 */
package io.aibrix.benchmark.kvcache;
