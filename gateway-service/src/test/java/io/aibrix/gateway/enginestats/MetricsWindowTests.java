package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Tests for {@link MetricsWindow}. */
class MetricsWindowTests {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final MetricsWindow window = new MetricsWindow(Duration.ofSeconds(10));

    private static MetricsPage page(Object... seriesAndValues) {
        Map<Series, Double> values = new EnumMap<>(Series.class);
        for (int i = 0; i < seriesAndValues.length; i += 2) {
            values.put((Series) seriesAndValues[i], ((Number) seriesAndValues[i + 1]).doubleValue());
        }
        double[] array = MetricsPage.absent();
        values.forEach((series, value) -> array[series.ordinal()] = value);
        return MetricsPage.of(array);
    }

    private static MetricsPage tokens(double prompt, double generation) {
        return page(Series.PROMPT_TOKENS, prompt, Series.GENERATION_TOKENS, generation);
    }

    private static MetricsPage ttft(double sum, double count) {
        return page(Series.TTFT_SUM, sum, Series.TTFT_COUNT, count);
    }

    @Test
    void reportsGaugesAsReadAndStampsTheScrapeTime() {
        EngineMetrics metrics = window.update(page(Series.RUNNING, 3, Series.WAITING, 2, Series.KV_CACHE_USAGE, 0.5,
                Series.GPU_CACHE_USAGE, 0.5), T0);

        assertThat(metrics.runningRequests()).isEqualTo(3.0);
        assertThat(metrics.waitingRequests()).isEqualTo(2.0);
        assertThat(metrics.kvCacheUsage()).isEqualTo(0.5);
        assertThat(metrics.gpuCacheUsage()).isEqualTo(0.5);
        assertThat(metrics.cpuCacheUsage()).isNaN();
        assertThat(metrics.scrapedAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(metrics.isKnown()).isTrue();
    }

    @Test
    void hasNoTokenRateBeforeASecondScrape() {
        EngineMetrics metrics = window.update(tokens(100, 50), T0);

        assertThat(metrics.promptTokensPerSecond()).isNaN();
        assertThat(metrics.generationTokensPerSecond()).isNaN();
    }

    @Test
    void computesTokenRatesFromCounterDeltasOverElapsedTime() {
        window.update(tokens(100, 50), T0);

        EngineMetrics metrics = window.update(tokens(300, 150), T0 + 500);

        assertThat(metrics.promptTokensPerSecond()).isEqualTo(400.0);
        assertThat(metrics.generationTokensPerSecond()).isEqualTo(200.0);
    }

    @Test
    void measuresRatesOverTheTrailingWindowOnly() {
        // 1000 tokens/s for 20 s, then 100 tokens/s: once the burst leaves the 10 s window only 100/s remains.
        double generated = 0;
        long t = T0;
        for (int i = 0; i < 400; i++) {
            window.update(tokens(0, generated), t);
            generated += 1000 * 0.05;
            t += 50;
        }
        EngineMetrics metrics = null;
        for (int i = 0; i < 400; i++) {
            metrics = window.update(tokens(0, generated), t);
            generated += 100 * 0.05;
            t += 50;
        }

        assertThat(metrics.generationTokensPerSecond()).isCloseTo(100.0, within(1e-6));
        assertThat(metrics.promptTokensPerSecond()).isZero();
    }

    @Test
    void startsRatesOverWhenACounterGoesBackwardsAfterARestart() {
        window.update(tokens(5000, 5000), T0);
        window.update(tokens(6000, 6000), T0 + 1000);

        EngineMetrics restarted = window.update(tokens(10, 10), T0 + 2000);
        EngineMetrics next = window.update(tokens(110, 60), T0 + 3000);

        assertThat(restarted.promptTokensPerSecond()).isNaN();
        assertThat(next.promptTokensPerSecond()).isEqualTo(100.0);
        assertThat(next.generationTokensPerSecond()).isEqualTo(50.0);
    }

    @Test
    void averagesHistogramObservationsMadeInsideTheWindow() {
        window.update(ttft(100, 100), T0);

        EngineMetrics metrics = window.update(ttft(104, 102), T0 + 2000);

        assertThat(metrics.meanTimeToFirstTokenSeconds()).isEqualTo(2.0);
    }

    @Test
    void fallsBackToTheLifetimeMeanWhenTheWindowSawNoObservation() {
        window.update(ttft(30, 10), T0);

        EngineMetrics metrics = window.update(ttft(30, 10), T0 + 2000);

        assertThat(metrics.meanTimeToFirstTokenSeconds()).isEqualTo(3.0);
    }

    @Test
    void usesTheLifetimeMeanOnTheFirstScrape() {
        EngineMetrics metrics = window.update(ttft(30, 10), T0);

        assertThat(metrics.meanTimeToFirstTokenSeconds()).isEqualTo(3.0);
    }

    @Test
    void reportsNoMeanWhenTheEngineNeverObservedOne() {
        window.update(ttft(0, 0), T0);

        EngineMetrics metrics = window.update(ttft(0, 0), T0 + 1000);

        assertThat(metrics.meanTimeToFirstTokenSeconds()).isNaN();
    }

    @Test
    void reportsEveryHistogramMeanFromItsOwnSumAndCount() {
        EngineMetrics metrics = window.update(page(
                Series.QUEUE_TIME_SUM, 1, Series.QUEUE_TIME_COUNT, 4,
                Series.PREFILL_TIME_SUM, 2, Series.PREFILL_TIME_COUNT, 4,
                Series.DECODE_TIME_SUM, 3, Series.DECODE_TIME_COUNT, 4,
                Series.TTFT_SUM, 4, Series.TTFT_COUNT, 4,
                Series.TPOT_SUM, 5, Series.TPOT_COUNT, 4,
                Series.PROMPT_LENGTH_SUM, 600, Series.PROMPT_LENGTH_COUNT, 4,
                Series.GENERATION_LENGTH_SUM, 800, Series.GENERATION_LENGTH_COUNT, 4), T0);

        assertThat(metrics.meanQueueSeconds()).isEqualTo(0.25);
        assertThat(metrics.meanPrefillSeconds()).isEqualTo(0.5);
        assertThat(metrics.meanDecodeSeconds()).isEqualTo(0.75);
        assertThat(metrics.meanTimeToFirstTokenSeconds()).isEqualTo(1.0);
        assertThat(metrics.meanTimePerOutputTokenSeconds()).isEqualTo(1.25);
        assertThat(metrics.meanPromptTokens()).isEqualTo(150.0);
        assertThat(metrics.meanGenerationTokens()).isEqualTo(200.0);
    }

    @Test
    void reportsMetricsTheEngineDoesNotExportAsNaN() {
        window.update(page(Series.RUNNING, 1), T0);

        EngineMetrics metrics = window.update(page(Series.RUNNING, 1), T0 + 1000);

        assertThat(metrics.runningRequests()).isEqualTo(1.0);
        assertThat(metrics.waitingRequests()).isNaN();
        assertThat(metrics.promptTokensPerSecond()).isNaN();
        assertThat(metrics.meanQueueSeconds()).isNaN();
        assertThat(metrics.meanGenerationTokens()).isNaN();
    }

    @Test
    void startsOverWhenTheClockGoesBackwards() {
        window.update(tokens(100, 100), T0 + 5000);

        EngineMetrics metrics = window.update(tokens(200, 200), T0);

        assertThat(metrics.promptTokensPerSecond()).isNaN();
    }
}
