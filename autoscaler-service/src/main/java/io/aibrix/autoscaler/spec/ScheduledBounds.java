package io.aibrix.autoscaler.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The replica bounds in force now, and the schedule that set them (null when none is active). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledBounds(String activeSchedule, int effectiveMinReplicas, int effectiveMaxReplicas) {
}
