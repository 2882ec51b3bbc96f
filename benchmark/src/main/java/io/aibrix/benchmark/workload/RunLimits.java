package io.aibrix.benchmark.workload;

/**
 * When a run stops issuing requests: after {@code durationSeconds} of intended send time and/or after
 * {@code numRequests} requests. A null field is no limit; with both null only a finite workload (a trace) ends.
 */
public record RunLimits(Double durationSeconds, Long numRequests) {

    public RunLimits {
        if (durationSeconds != null && !(durationSeconds > 0)) {
            throw new IllegalArgumentException("durationSeconds must be > 0 but was " + durationSeconds);
        }
        if (numRequests != null && numRequests < 1) {
            throw new IllegalArgumentException("numRequests must be >= 1 but was " + numRequests);
        }
    }

    public static RunLimits unlimited() {
        return new RunLimits(null, null);
    }

    /** Whether the request with 0-based sequence number {@code index}, due at {@code atSeconds}, may be sent. */
    public boolean admits(long index, double atSeconds) {
        return admitsTime(atSeconds) && admitsCount(index);
    }

    public boolean admitsCount(long index) {
        return numRequests == null || index < numRequests;
    }

    public boolean admitsTime(double atSeconds) {
        return durationSeconds == null || atSeconds < durationSeconds;
    }
}
