package io.aibrix.benchmark.report;

import java.util.Map;

import io.aibrix.benchmark.server.ServerDeltas;
import io.aibrix.benchmark.server.StepStatsReport;

/**
 * Everything {@code summary.json} holds. Unless a name says otherwise, latencies are seconds and statistics cover
 * the measured window: requests whose intended send time is at or after the warmup. {@code server},
 * {@code stepStats} and goodput are null when not requested.
 */
public record Summary(
        RunInfo run,
        Window window,
        Counts counts,
        Latencies latencies,
        Throughput throughput,
        Slo slo,
        Tokens tokens,
        Map<String, PodShare> pods,
        ClientOverhead client,
        Map<String, Long> errors,
        ServerDeltas server,
        StepStatsReport stepStats) {

    /** The measured window in seconds since the run start: from the warmup to the last measured completion. */
    public record Window(double startSeconds, double endSeconds, double durationSeconds, double runSeconds) {
    }

    /** {@code total} = {@code warmup} + {@code measured}; {@code succeeded} + {@code failed} = {@code measured}. */
    public record Counts(long total, long warmup, long measured, long succeeded, long failed) {
    }

    /** Over successful measured requests; ITL pools every inter-token gap. */
    public record Latencies(Distribution ttft, Distribution tpot, Distribution itl, Distribution e2e) {
    }

    /** Per second of the measured window; goodput counts successful requests meeting every SLO given. */
    public record Throughput(Double requestsPerSecond, Double outputTokensPerSecond, Double totalTokensPerSecond,
            Double goodputRequestsPerSecond, Long goodRequests) {
    }

    /** Token totals of successful measured requests; {@code cachedRatio} = cached / prompt. */
    public record Tokens(long prompt, long completion, long cached, Double cachedRatio) {
    }

    /** Requests a pod received in the measured window and their share of all measured requests. */
    public record PodShare(long requests, long failed, double share) {
    }

    /**
     * The client's own cost. {@code dispatchLag}: actual − intended send time over all requests.
     * {@code ttftMeanAllSeconds}: mean TTFT over all successful requests, warmup included, to match the server
     * scrape window; {@code ttftMinusServerSeconds} = that minus the server's mean TTFT.
     */
    public record ClientOverhead(Distribution dispatchLag, Double ttftMeanAllSeconds, Double ttftMinusServerSeconds) {
    }
}
