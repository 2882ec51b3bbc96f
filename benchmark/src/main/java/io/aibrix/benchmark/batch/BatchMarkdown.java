package io.aibrix.benchmark.batch;

import java.util.Locale;

/** {@code docs/benchmarks/batch.md}: the command, the machine, the three measurements and the targets. */
final class BatchMarkdown {

    static final double THROUGHPUT_TARGET = 0.90;
    static final double UPLOAD_TARGET_SECONDS = 10;
    static final long HEAP_TARGET_BYTES = 512L << 20;

    private BatchMarkdown() {
    }

    static String render(BatchPlan plan, BatchResults results) {
        StringBuilder md = new StringBuilder();
        BatchResults.Machine machine = results.machine();
        line(md, "# batch-service benchmark");
        line(md, "");
        line(md, "Written by `benchmark batch`. Reproduce it (from the repository root, after `mvn -B package"
                + " -DskipTests`):");
        line(md, "");
        line(md, "```");
        line(md, plan.command());
        line(md, "```");
        line(md, "");
        line(md, f("Machine: %d cores (%s), %s. One-minute load average %.2f before the run and %.2f after it;"
                + " the engines, the direct client and the benchmark's polling share this JVM, batch-service and"
                + " PostgreSQL run as child processes on the same cores.", machine.cores(), machine.cpu(),
                machine.java(), machine.loadBefore(), machine.loadAfter()));
        line(md, "");
        line(md, "| target (issue 5) | measured | result |");
        line(md, "|---|---|---|");
        double ratio = ratio(results);
        line(md, f("| batch keeps the engines at >= 90%% of a direct saturating client's throughput | %.1f%% of"
                + " requests/s, %.1f%% of generated tokens/s | %s |", 100 * ratio, 100 * tokenRatio(results),
                verdict(ratio >= THROUGHPUT_TARGET)));
        BatchResults.Upload upload = results.upload();
        if (upload != null) {
            line(md, f("| upload + validation of a 200 MB file <= 10 s | %.2f s for %.1f MiB | %s |",
                    BatchResults.seconds(upload.total()), upload.bytes() / (double) (1 << 20),
                    verdict(BatchResults.seconds(upload.total()) <= UPLOAD_TARGET_SECONDS)));
        }
        line(md, f("| batch-service heap <= 512 MB throughout | max %.0f MiB in use (-Xmx%s, %d samples) | %s |",
                results.heap().maxUsedBytes() / (double) (1 << 20), results.heap().limit(),
                results.heap().samples(), verdict(results.heap().maxUsedBytes() <= HEAP_TARGET_BYTES)));
        line(md, "");
        throughput(md, plan, results);
        if (upload != null) {
            upload(md, upload);
        }
        line(md, "## Heap");
        line(md, "");
        line(md, f("batch-service ran as `java -Xmx%s -jar batch-service-*-exec.jar` with its defaults but the"
                + " settings above. Its heap in use (`jvm_memory_used_bytes{area=\"heap\"}` from"
                + " `/actuator/prometheus`, summed over the pools) was sampled every 250 ms from its start to the end"
                + " of the upload run: %d samples, maximum **%.0f MiB**.", results.heap().limit(),
                results.heap().samples(), results.heap().maxUsedBytes() / (double) (1 << 20)));
        return md.toString();
    }

    private static void throughput(StringBuilder md, BatchPlan plan, BatchResults results) {
        BatchResults.Throughput direct = results.direct();
        BatchResults.Throughput batch = results.batch();
        line(md, "## Throughput");
        line(md, "");
        line(md, f("%d simulated engines, profile `%s`, in the benchmark's JVM. Every request is a chat completion"
                + " of a distinct prompt of about 20 tokens with `max_tokens` %d and `ignore_eos`, non-streamed.",
                plan.engines(), plan.profile(), plan.maxTokens()));
        line(md, "");
        line(md, "Why these sizes: with short prompts and a fixed output length, an engine's modelled step time (a"
                + " full batch of 256 sequences decodes one token each in about 25 ms on the A100 profile) sets the"
                + " throughput, and each request costs the engine seconds but this machine's cores only"
                + " milliseconds of HTTP, JSON and database work; so the modelled GPUs, not the shared CPU cores,"
                + " are the bottleneck, as in a real deployment, and 50,000 lines finish in a few minutes. Much"
                + " shorter outputs would turn both runs into a measurement of this machine's CPU instead.");
        line(md, "");
        line(md, f("- **direct**: %,d requests sent round-robin to the engines with %,d in flight (an engine runs at"
                + " most 256 sequences at once), after an unmeasured warm-up of %,d requests; timed from the first"
                + " send to the last answer.", plan.directRequests(), plan.directConcurrency(),
                Math.max(1, plan.directRequests() / 20)));
        line(md, f("- **batch**: one %,d-line batch of the same requests through batch-service (`-Xmx%s`, local file"
                + " store, an embedded PostgreSQL with `synchronous_commit=on`, so every result is durable before it"
                + " counts, as in production), lines sent round-robin to the same engines, AIMD concurrency starting"
                + " at %d (slow start: it doubles per round trip until the first sign of overload) with its ceiling"
                + " at %,d; timed from the poll that saw the batch leave `validating` to the poll that saw every line"
                + " counted (polls every 100 ms).", plan.lines(), plan.heap(), plan.batchInitial(),
                plan.batchMax()));
        line(md, "");
        line(md, "| run | requests | failed | seconds | requests/s | engine generated tokens/s | engine prompt tokens/s |");
        line(md, "|---|---|---|---|---|---|---|");
        row(md, "direct", direct);
        row(md, "batch", batch);
        line(md, "");
        BatchResults.BatchTimes times = results.batchTimes();
        line(md, f("Batch over direct: **%.1f%%** of requests/s, %.1f%% of generated tokens/s. The batch's other"
                + " phases: create to in progress %.2f s (validation, and the job poll), last line to completed"
                + " %.2f s (assembling the output file).", 100 * ratio(results), 100 * tokenRatio(results),
                BatchResults.seconds(times.validating()), BatchResults.seconds(times.finalizing())));
        line(md, "");
    }

    private static void upload(StringBuilder md, BatchResults.Upload upload) {
        line(md, "## Upload and validation");
        line(md, "");
        line(md, f("A generated .jsonl of %,d bytes (%,d lines of long prompts; the service accepts at most 200 MiB and 50,000 lines) is"
                + " uploaded with `POST /v1/files` (multipart, streamed from disk), then `POST /v1/batches` creates"
                + " a batch of it, polled every 20 ms until it leaves `validating` (it left to `%s`; the batch is then"
                + " cancelled).", upload.bytes(), upload.lines(), upload.status()));
        line(md, "");
        line(md, "| upload s | create to validated s | total s |");
        line(md, "|---|---|---|");
        line(md, f("| %.2f | %.2f | **%.2f** |", BatchResults.seconds(upload.upload()),
                BatchResults.seconds(upload.validation()), BatchResults.seconds(upload.total())));
        line(md, "");
    }

    private static void row(StringBuilder md, String name, BatchResults.Throughput run) {
        line(md, f("| %s | %,d | %,d | %.1f | %.1f | %.0f | %.0f |", name, run.completed() + run.failed(),
                run.failed(), BatchResults.seconds(run.window()), run.requestsPerSecond(),
                run.generationTokensPerSecond(), run.promptTokensPerSecond()));
    }

    static double ratio(BatchResults results) {
        return results.batch().requestsPerSecond() / results.direct().requestsPerSecond();
    }

    private static double tokenRatio(BatchResults results) {
        return results.batch().generationTokensPerSecond() / results.direct().generationTokensPerSecond();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void line(StringBuilder md, String text) {
        md.append(text).append('\n');
    }
}
