/**
 * Deterministic workload generation: prompt text from a fixed word vocabulary, arrival processes and the
 * poisson, shared-prefix, multi-turn, trace and user-classes workloads. Everything here is a pure function of the
 * seed.
 */
package io.aibrix.benchmark.workload;
