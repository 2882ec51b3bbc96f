package io.aibrix.autoscaler.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tuning AIBrix reads from {@code autoscaling.aibrix.ai/*} annotations, with AIBrix's defaults.
 *
 * @param maxScaleUpRate     one decision grows the scale to at most {@code ceil(rate * ready)} (at least 1)
 * @param maxScaleDownRate   one decision shrinks the scale to at least {@code floor(ready / rate)}
 * @param scaleUpTolerance   relative band above the target within which nothing changes
 * @param scaleDownTolerance relative band below the target within which nothing changes
 * @param panicThreshold     KPA panics when the panic window asks for this many times the ready pods
 * @param scaleUpCooldown    scale-up stabilization window
 * @param scaleDownCooldown  scale-down stabilization window
 * @param scaleToZero        whether the scale may reach 0 when minReplicas is 0
 */
public record ScalingParameters(double maxScaleUpRate, double maxScaleDownRate, double scaleUpTolerance,
        double scaleDownTolerance, double panicThreshold, Duration scaleUpCooldown, Duration scaleDownCooldown,
        boolean scaleToZero) {

    public static final String PREFIX = "autoscaling.aibrix.ai/";
    public static final String MAX_SCALE_UP_RATE = PREFIX + "max-scale-up-rate";
    public static final String MAX_SCALE_DOWN_RATE = PREFIX + "max-scale-down-rate";
    public static final String SCALE_UP_TOLERANCE = PREFIX + "scale-up-tolerance";
    public static final String SCALE_DOWN_TOLERANCE = PREFIX + "scale-down-tolerance";
    public static final String PANIC_THRESHOLD = PREFIX + "panic-threshold";
    public static final String SCALE_UP_COOLDOWN = PREFIX + "scale-up-cooldown-window";
    public static final String SCALE_DOWN_COOLDOWN = PREFIX + "scale-down-cooldown-window";
    public static final String SCALE_TO_ZERO = PREFIX + "scale-to-zero";

    public static final ScalingParameters DEFAULTS = new ScalingParameters(2.0, 2.0, 0.1, 0.1, 2.0, Duration.ZERO,
            Duration.ofSeconds(300), false);

    /**
     * The parameters the annotations set, defaults for the rest.
     *
     * @throws SpecViolation naming the annotation and its value when one does not parse or is out of range
     */
    public static ScalingParameters from(Map<String, String> annotations) {
        return new ScalingParameters(
                number(annotations, MAX_SCALE_UP_RATE, DEFAULTS.maxScaleUpRate, 1.0, false),
                number(annotations, MAX_SCALE_DOWN_RATE, DEFAULTS.maxScaleDownRate, 1.0, false),
                number(annotations, SCALE_UP_TOLERANCE, DEFAULTS.scaleUpTolerance, 0.0, true),
                number(annotations, SCALE_DOWN_TOLERANCE, DEFAULTS.scaleDownTolerance, 0.0, true),
                number(annotations, PANIC_THRESHOLD, DEFAULTS.panicThreshold, 1.0, false),
                duration(annotations, SCALE_UP_COOLDOWN, DEFAULTS.scaleUpCooldown),
                duration(annotations, SCALE_DOWN_COOLDOWN, DEFAULTS.scaleDownCooldown),
                bool(annotations, SCALE_TO_ZERO, DEFAULTS.scaleToZero));
    }

    private static double number(Map<String, String> annotations, String key, double fallback, double min,
            boolean below1) {
        String raw = annotations.get(key);
        if (raw == null) {
            return fallback;
        }
        String expected = below1 ? "a number in [0, 1)" : "a number >= " + min;
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        }
        catch (NumberFormatException ex) {
            throw invalid(key, raw, expected);
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < min || (below1 && value >= 1.0)) {
            throw invalid(key, raw, expected);
        }
        return value;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, a bare number of seconds, or an ISO-8601 duration. */
    private static Duration duration(Map<String, String> annotations, String key, Duration fallback) {
        String raw = annotations.get(key);
        if (raw == null) {
            return fallback;
        }
        String text = raw.trim();
        try {
            Duration value;
            if (text.matches("\\d+")) {
                value = Duration.ofSeconds(Long.parseLong(text));
            }
            else if (text.matches("\\d+(ms|s|m|h)")) {
                long amount = Long.parseLong(text.replaceAll("\\D", ""));
                value = text.endsWith("ms") ? Duration.ofMillis(amount)
                        : text.endsWith("s") ? Duration.ofSeconds(amount)
                        : text.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofHours(amount);
            }
            else {
                value = Duration.parse(text);
            }
            if (value.isNegative()) {
                throw invalid(key, raw, "a non-negative duration");
            }
            return value;
        }
        catch (RuntimeException ex) {
            if (ex instanceof SpecViolation violation) {
                throw violation;
            }
            throw invalid(key, raw, "a duration such as 30s, 5m or 300");
        }
    }

    private static boolean bool(Map<String, String> annotations, String key, boolean fallback) {
        String raw = annotations.get(key);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, raw, "true or false");
        };
    }

    private static SpecViolation invalid(String key, String raw, String expected) {
        return new SpecViolation(SpecViolation.INVALID_SPEC, List.of("annotation " + key + " must be " + expected
                + " but was '" + raw + "'."));
    }
}
