package io.aibrix.gateway.enginestats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One engine's recent pages, from which it derives {@link EngineMetrics}: gauges as read, counter rates and histogram
 * means over the trailing window. Keeps about ten samples per window (one per window/10) rather than every scrape.
 *
 * <p>Not thread-safe: the scrape that owns the engine's single in-flight slot is its only writer.
 */
final class MetricsWindow {

    private static final int SAMPLES_PER_WINDOW = 10;

    private final long windowMillis;
    private final long spacingMillis;
    /** Oldest first; the first sample still inside the window is the baseline of rates and means. */
    private final ArrayDeque<Sample> samples = new ArrayDeque<>(SAMPLES_PER_WINDOW + 2);

    private record Sample(long atMillis, MetricsPage page) {
    }

    MetricsWindow(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowMillis = window.toMillis();
        this.spacingMillis = Math.max(1, windowMillis / SAMPLES_PER_WINDOW);
    }

    /** Records a page read at {@code nowMillis} (epoch milliseconds) and returns the engine's metrics as of then. */
    EngineMetrics update(MetricsPage page, long nowMillis) {
        Sample newest = samples.peekLast();
        if (newest != null && (nowMillis < newest.atMillis() || restarted(newest.page(), page))) {
            samples.clear();
        }
        while (!samples.isEmpty() && samples.peekFirst().atMillis() < nowMillis - windowMillis) {
            samples.removeFirst();
        }
        Sample base = samples.peekFirst();
        EngineMetrics metrics = compute(page, nowMillis, base);
        newest = samples.peekLast();
        if (newest == null || nowMillis - newest.atMillis() >= spacingMillis) {
            samples.addLast(new Sample(nowMillis, page));
        }
        return metrics;
    }

    private static EngineMetrics compute(MetricsPage page, long nowMillis, Sample base) {
        return new EngineMetrics(
                page.get(Series.RUNNING),
                page.get(Series.WAITING),
                page.get(Series.KV_CACHE_USAGE),
                page.get(Series.GPU_CACHE_USAGE),
                page.get(Series.CPU_CACHE_USAGE),
                rate(page, nowMillis, base, Series.PROMPT_TOKENS),
                rate(page, nowMillis, base, Series.GENERATION_TOKENS),
                mean(page, base, Series.QUEUE_TIME_SUM, Series.QUEUE_TIME_COUNT),
                mean(page, base, Series.PREFILL_TIME_SUM, Series.PREFILL_TIME_COUNT),
                mean(page, base, Series.DECODE_TIME_SUM, Series.DECODE_TIME_COUNT),
                mean(page, base, Series.TTFT_SUM, Series.TTFT_COUNT),
                mean(page, base, Series.TPOT_SUM, Series.TPOT_COUNT),
                mean(page, base, Series.PROMPT_LENGTH_SUM, Series.PROMPT_LENGTH_COUNT),
                mean(page, base, Series.GENERATION_LENGTH_SUM, Series.GENERATION_LENGTH_COUNT),
                Instant.ofEpochMilli(nowMillis));
    }

    /** Per second; NaN without an earlier sample in the window (first scrape, or right after a restart). */
    private static double rate(MetricsPage page, long nowMillis, Sample base, Series counter) {
        if (base == null || nowMillis <= base.atMillis()) {
            return Double.NaN;
        }
        double delta = page.get(counter) - base.page().get(counter);
        return delta / ((nowMillis - base.atMillis()) / 1000.0);
    }

    /** Mean of the window's observations, else the lifetime mean; NaN if the engine never observed one. */
    private static double mean(MetricsPage page, Sample base, Series sum, Series count) {
        double total = page.get(sum);
        double observations = page.get(count);
        if (base != null) {
            double windowObservations = observations - base.page().get(count);
            if (windowObservations > 0) {
                return (total - base.page().get(sum)) / windowObservations;
            }
        }
        return observations > 0 ? total / observations : Double.NaN;
    }

    /** Any cumulative series going down means the engine restarted and its earlier samples no longer apply. */
    private static boolean restarted(MetricsPage previous, MetricsPage current) {
        for (Series series : Series.ALL) {
            if (series.kind() == Series.Kind.CUMULATIVE && current.get(series) < previous.get(series)) {
                return true;
            }
        }
        return false;
    }
}
