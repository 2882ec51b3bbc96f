package io.aibrix.benchmark.routing;

/** Successful measured requests of one user class and their mean latencies in seconds (null when none). */
record ClassLatency(long requests, Double ttftMeanSeconds, Double e2eMeanSeconds) {
}
