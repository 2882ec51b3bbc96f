package io.aibrix.autoscaler.spec;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One scaling decision as recorded in the status: from, to, why, and whether the actuator applied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingEvent(Instant timestamp, int previousScale, int newScale, String reason, boolean success,
        String error) {
}
