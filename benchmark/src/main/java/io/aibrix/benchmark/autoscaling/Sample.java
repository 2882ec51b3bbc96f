package io.aibrix.benchmark.autoscaling;

/**
 * One second of a phase.
 *
 * @param second   replay seconds since the first request
 * @param engines  engines alive (starting, serving or draining: each would hold a GPU)
 * @param ready    engines serving
 * @param inFlight requests sent and not finished
 */
record Sample(double second, int engines, int ready, int inFlight) {
}
