package io.aibrix.benchmark.run;

import java.util.List;

/** Every request of a run, ordered by id, and the run's wall time in seconds (until the last response). */
public record RunResult(List<RequestResult> requests, double elapsedSeconds) {

    public RunResult {
        requests = List.copyOf(requests);
    }
}
