/**
 * {@code benchmark autoscaling}: a bursty trace replayed through the gateway against a fleet that autoscaler-service
 * scales, and against a static fleet sized for the peak, in one run; TTFT within the SLO, engine-seconds, and a chart
 * of replicas, load and TTFT over time, written as {@code docs/benchmarks/autoscaling.md}.
 */
package io.aibrix.benchmark.autoscaling;
