package io.aibrix.benchmark.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark batch}: the batch-service benchmark of issue 5 in one command. Starts simulated engines in this
 * JVM, measures a direct saturating client on them, then batch-service (its packaged jar in a child JVM on an embedded
 * PostgreSQL) running one batch of the same requests, then the upload and validation of a maximum-size file, sampling
 * the service's heap throughout, and writes the Markdown report. Exit codes: 0 every target met, 3 some target
 * missed, 1 the benchmark could not run, 2 bad options.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110,
        description = "Runs batch-service against a direct saturating client on the same simulated engines, times the"
                + " upload and validation of a large input file, samples the service's heap, and writes the report.%n")
public final class BatchCommand implements Callable<Integer> {

    static final int TARGET_MISSED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch-service-jar", required = true, paramLabel = "JAR",
            description = "The packaged batch-service (batch-service/target/batch-service-*-exec.jar).")
    Path batchServiceJar;

    @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of batch-service. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--engines", defaultValue = "4", description = "Simulated engines. Default: ${DEFAULT-VALUE}.")
    int engines;

    @Option(names = "--profile", defaultValue = "llama3-8b-a100",
            description = "Engine model profile. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--lines", defaultValue = "50000", description = "Lines of the batch. Default: ${DEFAULT-VALUE}.")
    int lines;

    @Option(names = "--direct-requests", description = "Requests of the direct run. Default: as many as --lines.")
    Integer directRequests;

    @Option(names = "--direct-concurrency", defaultValue = "1280",
            description = "Requests in flight of the direct client. Default: ${DEFAULT-VALUE} (256 sequences per"
                    + " engine, plus a queue).")
    int directConcurrency;

    @Option(names = "--max-tokens", defaultValue = "128",
            description = "Output tokens per request. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--batch-initial-concurrency", defaultValue = "64",
            description = "The batch's initial AIMD concurrency. Default: ${DEFAULT-VALUE}.")
    int batchInitial;

    @Option(names = "--batch-max-concurrency", description = "The batch's AIMD ceiling. Default: as"
            + " --direct-concurrency.")
    Integer batchMax;

    @Option(names = "--upload-mb", defaultValue = "200",
            description = "Size in MiB (minus a margin) of the upload-and-validate file, 0 to skip."
                    + " Default: ${DEFAULT-VALUE}.")
    int uploadMb;

    @Option(names = "--output", defaultValue = "docs/benchmarks/batch.md",
            description = "The Markdown report. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        int direct = directRequests == null ? lines : directRequests;
        int ceiling = batchMax == null ? directConcurrency : batchMax;
        // Just under the service's limit (a MiB-based DataSize), so the file is as large as an upload may be.
        long uploadBytes = uploadMb == 0 ? 0 : ((long) uploadMb << 20) - (64 << 10);
        BatchPlan plan = new BatchPlan(batchServiceJar, heap, engines, profile, lines, direct, directConcurrency,
                maxTokens, batchInitial, ceiling, uploadBytes, output, command(direct, ceiling));
        BatchResults results = new BatchBenchmark(plan, message -> {
            out.println(message);
            out.flush();
        }).run();
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, BatchMarkdown.render(plan, results), StandardCharsets.UTF_8);
        out.println("Wrote " + output);
        out.flush();
        return met(results) ? 0 : TARGET_MISSED;
    }

    static boolean met(BatchResults results) {
        boolean upload = results.upload() == null
                || BatchResults.seconds(results.upload().total()) <= BatchMarkdown.UPLOAD_TARGET_SECONDS;
        return BatchMarkdown.ratio(results) >= BatchMarkdown.THROUGHPUT_TARGET && upload
                && results.heap().maxUsedBytes() <= BatchMarkdown.HEAP_TARGET_BYTES;
    }

    /** The options that differ from the defaults, with no path of this machine: the jar's and an absolute output's. */
    private String command(int direct, int ceiling) {
        String jar = "batch-service/target/" + batchServiceJar.getFileName();
        StringBuilder command = new StringBuilder("java -jar benchmark/target/benchmark-*-exec.jar batch")
                .append(" --batch-service-jar ").append(jar);
        append(command, "--heap", heap, "512m");
        append(command, "--engines", engines, 4);
        append(command, "--profile", profile, "llama3-8b-a100");
        append(command, "--lines", lines, 50000);
        append(command, "--direct-requests", direct, lines);
        append(command, "--direct-concurrency", directConcurrency, 1280);
        append(command, "--max-tokens", maxTokens, 128);
        append(command, "--batch-initial-concurrency", batchInitial, 64);
        append(command, "--batch-max-concurrency", ceiling, directConcurrency);
        append(command, "--upload-mb", uploadMb, 200);
        append(command, "--output", (output.isAbsolute() ? output.getFileName() : output).toString(),
                "docs/benchmarks/batch.md");
        return command.toString();
    }

    private static void append(StringBuilder command, String option, Object value, Object standard) {
        if (!value.equals(standard)) {
            command.append(' ').append(option).append(' ').append(String.format(Locale.ROOT, "%s", value));
        }
    }
}
