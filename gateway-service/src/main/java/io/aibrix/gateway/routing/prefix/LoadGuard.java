package io.aibrix.gateway.routing.prefix;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;

/**
 * Keeps prefix affinity from piling requests onto one pod. A pod is <em>overloaded</em>, and may not be chosen for
 * its cached blocks, when its in-flight count is both more than {@code imbalanceThreshold} above the least-loaded
 * candidate's and above mean + k·stddev of all candidates' counts (population stddev), or when its engine reports a
 * KV-cache usage above {@code kvUsageCeiling} while another candidate has room.
 *
 * <p>Both count conditions, not either: the absolute gap alone would break affinity for ordinary Poisson noise at high
 * load (40 vs 31 in flight), and the stddev test alone would at low load (3 vs 1 when the others idle). AIBrix applies
 * them one after the other and, past the gap, keeps only the least-loaded pods, which discards every cached prefix of
 * a request whenever any one pod lags; here only the outliers lose their affinity. The least-loaded pod is never
 * overloaded by count.
 *
 * <p>The KV ceiling covers what counts cannot see: a few long prompts fill an engine's KV cache while its request
 * count stays ordinary, and every request sent there then waits for blocks or preempts a running one (seconds of
 * TTFT, where a pod with room answers in tens of milliseconds). Usage is vLLM's {@code kv_cache_usage_perc}: blocks
 * pinned by running requests, idle cached blocks counting as free. It applies only while some candidate that is not
 * overloaded by count is known to be at or below the ceiling, so at least one candidate always remains; an engine
 * whose usage is unknown (never scraped, stale) is not judged by it.
 *
 * @param imbalanceThreshold in-flight requests above the minimum a pod may run before it can be overloaded
 * @param stddevFactor       k in mean + k·stddev
 * @param kvUsageCeiling     KV-cache usage fraction above which a pod is overloaded; 1 turns the rule off
 */
record LoadGuard(int imbalanceThreshold, double stddevFactor, double kvUsageCeiling) {

    LoadGuard {
        if (imbalanceThreshold < 0 || !(stddevFactor >= 0)) {
            throw new IllegalArgumentException("imbalanceThreshold and stddevFactor must not be negative");
        }
        if (!(kvUsageCeiling >= 0 && kvUsageCeiling <= 1)) {
            throw new IllegalArgumentException("kvUsageCeiling must be within [0, 1] but was " + kvUsageCeiling);
        }
    }

    /** The count conditions only. */
    LoadGuard(int imbalanceThreshold, double stddevFactor) {
        this(imbalanceThreshold, stddevFactor, 1.0);
    }

    /** Per candidate, whether it is overloaded. */
    boolean[] overloaded(List<Candidate> candidates) {
        int n = candidates.size();
        boolean[] overloaded = new boolean[n];
        if (n < 2) {
            return overloaded;
        }
        int min = Integer.MAX_VALUE;
        double sum = 0;
        for (Candidate candidate : candidates) {
            min = Math.min(min, candidate.inFlight());
            sum += candidate.inFlight();
        }
        double mean = sum / n;
        double squares = 0;
        for (Candidate candidate : candidates) {
            double deviation = candidate.inFlight() - mean;
            squares += deviation * deviation;
        }
        double ceiling = mean + stddevFactor * Math.sqrt(squares / n);
        for (int i = 0; i < n; i++) {
            int inFlight = candidates.get(i).inFlight();
            overloaded[i] = inFlight > (long) min + imbalanceThreshold && inFlight > ceiling;
        }
        excludeFullCaches(candidates, overloaded);
        return overloaded;
    }

    private void excludeFullCaches(List<Candidate> candidates, boolean[] overloaded) {
        boolean roomLeft = false;
        for (int i = 0; i < overloaded.length && !roomLeft; i++) {
            roomLeft = !overloaded[i] && candidates.get(i).metrics().kvCacheUsage() <= kvUsageCeiling;
        }
        if (!roomLeft) {
            return;
        }
        for (int i = 0; i < overloaded.length; i++) {
            // NaN (unknown) compares false: not judged.
            overloaded[i] |= candidates.get(i).metrics().kvCacheUsage() > kvUsageCeiling;
        }
    }
}
