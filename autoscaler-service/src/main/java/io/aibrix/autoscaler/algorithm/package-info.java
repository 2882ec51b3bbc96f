/**
 * Scaling decisions as plain functions of an observation, the time and the previous state: KPA, APA, cooldown
 * stabilization, schedule bounds and the metric windows they read.
 *
 * <p><b>Metric semantics.</b> A window holds the target's <em>total</em> of the metric (the sum over its ready pods,
 * or the value an external source exports for the whole target), averaged over time. {@code targetValue} is what
 * <em>one</em> pod should carry. So the replicas the load needs are {@code ceil(total / target)}, and the load per
 * ready pod is {@code total / ready}. AIBrix averages the pods' values and then divides that average by the target as
 * though it were a total; we do not copy that.
 */
package io.aibrix.autoscaler.algorithm;
