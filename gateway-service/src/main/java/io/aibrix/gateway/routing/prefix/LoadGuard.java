package io.aibrix.gateway.routing.prefix;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;

/**
 * Keeps prefix affinity from piling requests onto one pod. A pod is <em>overloaded</em>, and may not be chosen for
 * its cached blocks, when its in-flight count is both more than {@code imbalanceThreshold} above the least-loaded
 * candidate's and above mean + k·stddev of all candidates' counts (population stddev).
 *
 * <p>Both conditions, not either: the absolute gap alone would break affinity for ordinary Poisson noise at high load
 * (40 vs 31 in flight), and the stddev test alone would at low load (3 vs 1 when the others idle). AIBrix applies them
 * one after the other and, past the gap, keeps only the least-loaded pods, which discards every cached prefix of a
 * request whenever any one pod lags; here only the outliers lose their affinity. The least-loaded pod is never
 * overloaded, so at least one candidate always remains.
 *
 * @param imbalanceThreshold in-flight requests above the minimum a pod may run before it can be overloaded
 * @param stddevFactor       k in mean + k·stddev
 */
record LoadGuard(int imbalanceThreshold, double stddevFactor) {

    LoadGuard {
        if (imbalanceThreshold < 0 || !(stddevFactor >= 0)) {
            throw new IllegalArgumentException("imbalanceThreshold and stddevFactor must not be negative");
        }
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
        return overloaded;
    }
}
