package io.aibrix.autoscaler.actuator;

import java.util.List;

import io.aibrix.autoscaler.metrics.PodEndpoint;

/**
 * A target as it is now.
 *
 * @param replicas  the replicas it is set to (ready or not)
 * @param readyPods the pods serving now, to scrape
 */
public record TargetObservation(int replicas, List<PodEndpoint> readyPods) {

    public TargetObservation {
        readyPods = List.copyOf(readyPods);
    }
}
