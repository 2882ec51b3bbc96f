package io.aibrix.autoscaler.algorithm;

/**
 * A decision: the replicas wanted (before cooldown and bounds), the algorithm state to keep for the next decision,
 * and a short reason for the status.
 */
public record Recommendation(int replicas, PanicState panic, String reason) {
}
