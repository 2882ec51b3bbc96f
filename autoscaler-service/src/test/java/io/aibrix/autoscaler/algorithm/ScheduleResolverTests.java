package io.aibrix.autoscaler.algorithm;

import java.time.Instant;
import java.util.List;

import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.Schedule;
import io.aibrix.autoscaler.spec.ScheduledBounds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ScheduleResolver}. */
class ScheduleResolverTests {

    private static PodAutoscalerSpec spec(Schedule... schedules) {
        return new PodAutoscalerSpec(null, null, 1, 10, "KPA", List.of(), null, null, List.of(schedules));
    }

    @Test
    void aWeekdayBusinessHoursScheduleRaisesTheMinimumInItsTimeZone() {
        Schedule business = new Schedule("business", "Asia/Shanghai", List.of("Mon", "Tue", "Wed", "Thu", "Fri"),
                "09:00", "18:00", 3, null);
        // Monday 2025-06-02 02:00 UTC is 10:00 in Shanghai.
        ScheduledBounds bounds = ScheduleResolver.resolve(spec(business), Instant.parse("2025-06-02T02:00:00Z"));

        assertThat(bounds).isEqualTo(new ScheduledBounds("business", 3, 10));
    }

    @Test
    void outsideItsHoursOrDaysTheSpecBoundsApply() {
        Schedule business = new Schedule("business", "Asia/Shanghai", List.of("Mon"), "09:00", "18:00", 3, null);

        assertThat(ScheduleResolver.resolve(spec(business), Instant.parse("2025-06-02T11:00:00Z")))
                .isEqualTo(new ScheduledBounds(null, 1, 10));
        // Sunday 10:00 in Shanghai.
        assertThat(ScheduleResolver.resolve(spec(business), Instant.parse("2025-06-01T02:00:00Z")))
                .isEqualTo(new ScheduledBounds(null, 1, 10));
    }

    @Test
    void theEndTimeIsExclusiveAndTheFirstMatchingScheduleWins() {
        Schedule night = new Schedule("night", null, List.of(), "00:00", "06:00", 0, 2);
        Schedule early = new Schedule("early", null, List.of(), "05:00", "07:00", 4, 8);

        assertThat(ScheduleResolver.resolve(spec(night, early), Instant.parse("2025-06-01T05:30:00Z")).activeSchedule())
                .isEqualTo("night");
        assertThat(ScheduleResolver.resolve(spec(night, early), Instant.parse("2025-06-01T06:00:00Z")).activeSchedule())
                .isEqualTo("early");
    }

    @Test
    void aScheduledMinimumMayBeZero() {
        Schedule night = new Schedule("night", null, List.of(), "00:00", "06:00", 0, 2);

        assertThat(ScheduleResolver.resolve(spec(night), Instant.parse("2025-06-01T01:00:00Z")))
                .isEqualTo(new ScheduledBounds("night", 0, 2));
    }
}
