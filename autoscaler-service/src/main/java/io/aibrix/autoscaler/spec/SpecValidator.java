package io.aibrix.autoscaler.spec;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.aibrix.autoscaler.metrics.MetricQuery;

/**
 * Checks a PodAutoscaler before anything acts on it. Messages follow AIBrix's wording ("observeWindowSeconds must be
 * greater than 0."); the reason is that of the first problem found, in the order target, strategy, bounds, windows,
 * metrics, schedules, annotations.
 */
public final class SpecValidator {

    static final int MAX_WINDOW_SECONDS = 3600;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private SpecValidator() {
    }

    /** @throws SpecViolation listing every problem, with the reason of the first */
    public static ScalingParameters validate(PodAutoscaler autoscaler) {
        List<String> messages = new ArrayList<>();
        String reason = null;
        ObjectMeta meta = autoscaler.metadata();
        if (meta == null || meta.name() == null || !NAME.matcher(meta.name()).matches()) {
            messages.add("metadata.name must be a lower-case DNS name but was '"
                    + (meta == null ? null : meta.name()) + "'.");
            reason = SpecViolation.INVALID_SPEC;
        }
        else if (!NAME.matcher(meta.namespace()).matches()) {
            messages.add("metadata.namespace must be a lower-case DNS name but was '" + meta.namespace() + "'.");
            reason = SpecViolation.INVALID_SPEC;
        }
        PodAutoscalerSpec spec = autoscaler.spec();
        if (spec == null) {
            messages.add("spec must be set.");
            throw new SpecViolation(SpecViolation.INVALID_SPEC, messages);
        }
        ScaleTargetRef target = spec.scaleTargetRef();
        if (target == null || blank(target.kind()) || blank(target.name())) {
            messages.add("scaleTargetRef must name a kind and a name.");
            reason = first(reason, SpecViolation.MISSING_SCALE_TARGET_REF);
        }
        ScalingStrategy strategy = ScalingStrategy.parse(spec.scalingStrategy());
        if (strategy == null) {
            messages.add("scalingStrategy must be one of KPA, APA, HPA but was '" + spec.scalingStrategy() + "'.");
            reason = first(reason, SpecViolation.INVALID_SCALING_STRATEGY);
        }
        else if (strategy == ScalingStrategy.HPA && spec.roleName() != null) {
            messages.add("subTargetSelector.roleName is not supported with scalingStrategy HPA.");
            reason = first(reason, SpecViolation.INVALID_SPEC);
        }
        if (spec.subTargetSelector() != null && blank(spec.subTargetSelector().roleName())) {
            messages.add("subTargetSelector.roleName must not be empty.");
            reason = first(reason, SpecViolation.INVALID_SPEC);
        }
        reason = bounds(spec.minReplicas(), spec.maxReplicas(), "", messages, reason);
        reason = windows(spec, messages, reason);
        reason = metrics(spec, messages, reason);
        for (int i = 0; i < spec.schedules().size(); i++) {
            reason = schedule(spec.schedules().get(i), "schedules[" + i + "].", messages, reason);
        }
        if (!messages.isEmpty()) {
            throw new SpecViolation(reason, messages);
        }
        return ScalingParameters.from(meta.annotations());
    }

    private static String bounds(Integer min, Integer max, String path, List<String> messages, String reason) {
        if (min != null && min < 0) {
            messages.add(path + "minReplicas must be greater than or equal to 0.");
            reason = first(reason, SpecViolation.INVALID_BOUNDS);
        }
        if (path.isEmpty() && max == null) {
            messages.add("maxReplicas must be set.");
            return first(reason, SpecViolation.INVALID_BOUNDS);
        }
        if (max != null && max < 1) {
            messages.add(path + "maxReplicas must be greater than 0.");
            reason = first(reason, SpecViolation.INVALID_BOUNDS);
        }
        int effectiveMin = min == null && path.isEmpty() ? PodAutoscalerSpec.DEFAULT_MIN_REPLICAS
                : min == null ? 0 : min;
        if (max != null && (min != null || path.isEmpty()) && effectiveMin > max) {
            messages.add(path + "minReplicas (" + effectiveMin + ") must be less than or equal to maxReplicas ("
                    + max + ").");
            reason = first(reason, SpecViolation.INVALID_BOUNDS);
        }
        return reason;
    }

    private static String windows(PodAutoscalerSpec spec, List<String> messages, String reason) {
        int before = messages.size();
        window("observeWindowSeconds", spec.observeWindowSeconds(), messages);
        window("panicWindowSeconds", spec.panicWindowSeconds(), messages);
        if (messages.size() == before
                && spec.effectivePanicWindowSeconds() > spec.effectiveObserveWindowSeconds()) {
            messages.add("panicWindowSeconds must be less than or equal to observeWindowSeconds.");
        }
        return messages.size() > before ? first(reason, SpecViolation.INVALID_SPEC) : reason;
    }

    private static void window(String field, Integer seconds, List<String> messages) {
        if (seconds == null) {
            return;
        }
        if (seconds <= 0) {
            messages.add(field + " must be greater than 0.");
        }
        else if (seconds > MAX_WINDOW_SECONDS) {
            messages.add(field + " must be less than or equal to " + MAX_WINDOW_SECONDS + ".");
        }
    }

    private static String metrics(PodAutoscalerSpec spec, List<String> messages,
            String reason) {
        int before = messages.size();
        if (spec.metricsSources().isEmpty()) {
            messages.add("metricsSources must contain at least one source.");
        }
        for (int i = 0; i < spec.metricsSources().size(); i++) {
            MetricSource source = spec.metricsSources().get(i);
            String path = "metricsSources[" + i + "].";
            String type = source.metricSourceType() == null ? null
                    : source.metricSourceType().toLowerCase(Locale.ROOT);
            if (!MetricSource.POD.equals(type) && !MetricSource.EXTERNAL.equals(type)) {
                messages.add(path + "metricSourceType must be pod or external but was '"
                        + source.metricSourceType() + "'.");
            }
            else if (MetricSource.EXTERNAL.equals(type) && blank(source.endpoint())) {
                messages.add(path + "endpoint must be set for an external source.");
            }
            if (!"http".equals(source.effectiveProtocol()) && !"https".equals(source.effectiveProtocol())) {
                messages.add(path + "protocolType must be http or https but was '" + source.protocolType() + "'.");
            }
            if (source.port() != null && !port(source.port())) {
                messages.add(path + "port must be a port number but was '" + source.port() + "'.");
            }
            if (blank(source.targetMetric())) {
                messages.add(path + "targetMetric must be set.");
            }
            else {
                try {
                    MetricQuery.parse(source.targetMetric());
                }
                catch (IllegalArgumentException ex) {
                    messages.add(path + ex.getMessage() + ".");
                }
            }
            if (!positive(source.targetValue())) {
                messages.add(path + "targetValue must be greater than 0 but was '" + source.targetValue() + "'.");
            }
        }
        return messages.size() > before ? first(reason, SpecViolation.METRICS_CONFIG_ERROR) : reason;
    }

    private static String schedule(Schedule schedule, String path, List<String> messages, String reason) {
        int before = messages.size();
        if (blank(schedule.name())) {
            messages.add(path + "name must be set.");
        }
        if (schedule.timezone() != null) {
            try {
                ZoneId.of(schedule.timezone());
            }
            catch (DateTimeException ex) {
                messages.add(path + "timezone must be an IANA time zone but was '" + schedule.timezone() + "'.");
            }
        }
        for (String day : schedule.daysOfWeek()) {
            if (dayOfWeek(day) == null) {
                messages.add(path + "daysOfWeek must be Mon..Sun but had '" + day + "'.");
            }
        }
        boolean start = time(schedule.startTime(), path + "startTime", messages);
        boolean end = time(schedule.endTime(), path + "endTime", messages);
        if (start && end && !LocalTime.parse(schedule.endTime()).isAfter(LocalTime.parse(schedule.startTime()))) {
            messages.add(path + "endTime must be after startTime (schedules do not cross midnight).");
        }
        if (schedule.minReplicas() == null && schedule.maxReplicas() == null) {
            messages.add(path + "must set minReplicas or maxReplicas.");
        }
        reason = messages.size() > before ? first(reason, SpecViolation.INVALID_SPEC) : reason;
        return bounds(schedule.minReplicas(), schedule.maxReplicas(), path, messages, reason);
    }

    /** Mon..Sun, also full names, case-insensitive; null when it is not a day. */
    public static DayOfWeek dayOfWeek(String day) {
        if (day == null || day.length() < 3) {
            return null;
        }
        String prefix = day.trim().substring(0, 3).toUpperCase(Locale.ROOT);
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (candidate.name().startsWith(prefix) && candidate.name().startsWith(day.trim().toUpperCase(Locale.ROOT))) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean time(String value, String field, List<String> messages) {
        if (value == null || !HH_MM.matcher(value).matches()) {
            messages.add(field + " must be HH:MM but was '" + value + "'.");
            return false;
        }
        try {
            LocalTime.parse(value);
            return true;
        }
        catch (DateTimeParseException ex) {
            messages.add(field + " must be HH:MM but was '" + value + "'.");
            return false;
        }
    }

    private static boolean positive(String value) {
        if (blank(value)) {
            return false;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            return parsed > 0 && !Double.isInfinite(parsed);
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static boolean port(String value) {
        if (blank(value)) {
            return false;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 1 && port <= 65535;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String first(String reason, String candidate) {
        return reason == null ? candidate : reason;
    }
}
