package io.aibrix.benchmark.autoscaling;

import java.util.List;

/** One fleet's run of the trace: every request and every second's fleet size. */
record PhaseResult(String name, List<RequestOutcome> requests, List<Sample> samples) {

    PhaseResult {
        requests = List.copyOf(requests);
        samples = List.copyOf(samples);
    }

    /** Share of requests whose first token came within the SLO; a failed request is outside it. */
    double withinSlo(double sloSeconds) {
        if (requests.isEmpty()) {
            return 0;
        }
        return requests.stream().filter(r -> r.within(sloSeconds)).count() / (double) requests.size();
    }

    long failed() {
        return requests.stream().filter(r -> r.error() != null).count();
    }

    /** Engines alive integrated over the samples (each sample stands for the time to the next one). */
    double engineSeconds() {
        double total = 0;
        for (int i = 0; i + 1 < samples.size(); i++) {
            total += samples.get(i).engines() * (samples.get(i + 1).second() - samples.get(i).second());
        }
        return total;
    }

    int maxEngines() {
        return samples.stream().mapToInt(Sample::engines).max().orElse(0);
    }

    /** The {@code q} quantile of TTFT over the requests that got a first token, in seconds; NaN when none did. */
    double ttftQuantile(double q) {
        double[] ttft = requests.stream().filter(r -> r.error() == null).mapToDouble(RequestOutcome::ttftSeconds)
                .sorted().toArray();
        if (ttft.length == 0) {
            return Double.NaN;
        }
        int index = Math.max(0, (int) Math.ceil(q * ttft.length) - 1);
        return ttft[Math.min(ttft.length - 1, index)];
    }
}
