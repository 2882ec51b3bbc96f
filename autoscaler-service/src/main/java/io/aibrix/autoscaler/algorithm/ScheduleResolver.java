package io.aibrix.autoscaler.algorithm;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.Schedule;
import io.aibrix.autoscaler.spec.ScheduledBounds;
import io.aibrix.autoscaler.spec.SpecValidator;

/**
 * The replica bounds in force at an instant: the first schedule (in spec order) whose days and {@code [start, end)}
 * wall-clock interval contain it overrides the spec's min and/or max. A schedule without days applies every day.
 */
public final class ScheduleResolver {

    private ScheduleResolver() {
    }

    /** Only for a validated spec. */
    public static ScheduledBounds resolve(PodAutoscalerSpec spec, Instant now) {
        int min = spec.effectiveMinReplicas();
        int max = spec.maxReplicas();
        for (Schedule schedule : spec.schedules()) {
            if (active(schedule, now)) {
                int scheduledMin = schedule.minReplicas() == null ? min : schedule.minReplicas();
                int scheduledMax = schedule.maxReplicas() == null ? max : schedule.maxReplicas();
                return new ScheduledBounds(schedule.name(), scheduledMin, Math.max(scheduledMin, scheduledMax));
            }
        }
        return new ScheduledBounds(null, min, max);
    }

    static boolean active(Schedule schedule, Instant now) {
        ZoneId zone = schedule.timezone() == null ? ZoneOffset.UTC : ZoneId.of(schedule.timezone());
        ZonedDateTime local = now.atZone(zone);
        if (!schedule.daysOfWeek().isEmpty()) {
            DayOfWeek today = local.getDayOfWeek();
            if (schedule.daysOfWeek().stream().map(SpecValidator::dayOfWeek).noneMatch(today::equals)) {
                return false;
            }
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(LocalTime.parse(schedule.startTime())) && time.isBefore(LocalTime.parse(schedule.endTime()));
    }
}
