package io.aibrix.autoscaler.store;

import java.time.Instant;

import io.aibrix.autoscaler.spec.PodAutoscaler;

/** A PodAutoscaler as stored: with its status, creation time (which decides ownership) and generation. */
public record StoredAutoscaler(PodAutoscaler autoscaler, Instant created) {
}
