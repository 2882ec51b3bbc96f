package io.aibrix.benchmark.batch;

import java.nio.file.Path;

/**
 * What one batch benchmark run does.
 *
 * @param batchServiceJar     the packaged batch-service, run as a child JVM
 * @param heap                the child's {@code -Xmx}, e.g. {@code 512m}
 * @param engines             simulated engines started in this JVM
 * @param profile             their model profile
 * @param lines               lines of the measured batch
 * @param directRequests      requests of the direct run
 * @param directConcurrency   requests in flight of the direct client
 * @param maxTokens           output tokens per request (sent with {@code ignore_eos})
 * @param batchInitial        the batch's initial AIMD concurrency
 * @param batchMax            the batch's AIMD ceiling
 * @param uploadBytes         size of the upload-and-validate file, 0 to skip
 * @param output              the Markdown report
 * @param command             the command line that reproduces the run, for the report
 */
record BatchPlan(Path batchServiceJar, String heap, int engines, String profile, int lines, int directRequests,
        int directConcurrency, int maxTokens, int batchInitial, int batchMax, long uploadBytes, Path output,
        String command) {

    BatchPlan {
        if (engines < 1 || lines < 1 || directRequests < 1 || directConcurrency < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("engines, lines, direct requests, concurrency and max tokens must be"
                    + " positive");
        }
        if (batchInitial < 1 || batchMax < batchInitial) {
            throw new IllegalArgumentException("Batch concurrency needs 1 <= initial <= max; were " + batchInitial
                    + " and " + batchMax);
        }
        if (uploadBytes < 0) {
            throw new IllegalArgumentException("The upload size must not be negative: " + uploadBytes);
        }
    }
}
