package io.aibrix.benchmark.batch;

import java.time.Duration;

/** What one batch benchmark run measured. */
record BatchResults(Machine machine, Throughput direct, Throughput batch, BatchTimes batchTimes,
        Upload upload, Heap heap) {

    /** The machine, with its one-minute load average before and after the run. */
    record Machine(int cores, String cpu, String java, double loadBefore, double loadAfter) {
    }

    /**
     * Requests finished in a window and what the engines did in it.
     *
     * @param completed 2xx answers
     * @param failed    other answers
     * @param window    the measured window
     * @param engines   engine-side counters over the window
     */
    record Throughput(int completed, int failed, Duration window, EngineFleet.Counters engines) {

        double requestsPerSecond() {
            return (completed + failed) / seconds(window);
        }

        double generationTokensPerSecond() {
            return engines.generationTokens() / seconds(window);
        }

        double promptTokensPerSecond() {
            return engines.promptTokens() / seconds(window);
        }
    }

    /** The measured batch's phases: create until in progress, in progress until the last line, then until completed. */
    record BatchTimes(Duration validating, Duration running, Duration finalizing) {
    }

    /**
     * The upload-and-validate run.
     *
     * @param bytes      file size
     * @param lines      lines in the file
     * @param upload     {@code POST /v1/files} until its answer
     * @param validation {@code POST /v1/batches} until the batch left {@code validating}
     * @param status     the status it left to
     */
    record Upload(long bytes, int lines, Duration upload, Duration validation, String status) {

        Duration total() {
            return upload.plus(validation);
        }
    }

    /** The service's heap: limit, the largest sample of heap in use, and how many samples were taken. */
    record Heap(String limit, long maxUsedBytes, int samples) {
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
