/**
 * Running a workload: open-loop dispatch by absolute time, closed-loop multi-turn sessions, the concurrency cap,
 * the per-request result row and the progress line.
 */
package io.aibrix.benchmark.run;
