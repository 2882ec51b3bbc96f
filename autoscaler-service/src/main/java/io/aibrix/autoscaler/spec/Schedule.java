package io.aibrix.autoscaler.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Replica bounds in force on some days between two wall-clock times ({@code HH:MM}, end after start, the same day),
 * in an IANA time zone (UTC by default). Null bounds keep the spec's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(String name, String timezone, List<String> daysOfWeek, String startTime, String endTime,
        Integer minReplicas, Integer maxReplicas) {

    public Schedule {
        daysOfWeek = daysOfWeek == null ? List.of() : List.copyOf(daysOfWeek);
    }
}
