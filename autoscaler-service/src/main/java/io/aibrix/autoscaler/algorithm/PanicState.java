package io.aibrix.autoscaler.algorithm;

import java.time.Instant;

/**
 * KPA's panic mode, kept between decisions (AIBrix recomputes it each time and so never holds anything).
 *
 * @param lastTriggered the last time the panic window was over the threshold; panic ends a stable window later
 * @param heldReplicas  the scale panic mode will not go below while it lasts
 */
public record PanicState(Instant lastTriggered, int heldReplicas) {
}
