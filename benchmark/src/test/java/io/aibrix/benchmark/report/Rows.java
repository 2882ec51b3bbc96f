package io.aibrix.benchmark.report;

import java.util.List;
import java.util.Map;

import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.workload.RequestTags;

/** Result rows and run metadata for report tests; times in seconds. */
final class Rows {

    private Rows() {
    }

    static RequestResult ok(long id, double sentAt, double ttft, double e2e, int completion, String pod, int prompt,
            int cached) {
        Double tpot = completion > 1 ? (e2e - ttft) / (completion - 1) : null;
        return new RequestResult(id, RequestTags.group((int) id % 3), pod, sentAt, sentAt + 0.001,
                sentAt + 0.001 + e2e, ttft, tpot, e2e, List.of(0.01, 0.02), prompt, completion, cached, 200, null);
    }

    static RequestResult failed(long id, double sentAt, String pod, String error) {
        return new RequestResult(id, RequestTags.NONE, pod, sentAt, sentAt, sentAt + 0.5, null, null, null,
                List.of(), 0, 0, 0, 503, error);
    }

    static RunInfo run(double warmupSeconds) {
        return new RunInfo("2025-01-01T00:00Z", "m", "chat", List.of("http://127.0.0.1:8000",
                "http://127.0.0.1:8001"), "random", null, "shared-prefix", Map.of("groups", 4), 1, 10.0, null,
                warmupSeconds, null);
    }
}
