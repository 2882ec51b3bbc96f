package io.aibrix.benchmark.batch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the three measurements on one set of engines and one batch-service: the direct client, then the measured
 * batch, then the upload and validation of the large file, sampling the service's heap throughout.
 */
final class BatchBenchmark {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration HEAP_SAMPLE = Duration.ofMillis(250);
    /** The service accepts at most this many lines per batch. */
    private static final int MAX_LINES = 50_000;

    private final BatchPlan plan;
    private final Consumer<String> log;

    BatchBenchmark(BatchPlan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
    }

    BatchResults run() throws IOException, InterruptedException {
        double loadBefore = loadAverage();
        Path workDir = Files.createTempDirectory("batch-benchmark-");
        try (EngineFleet fleet = EngineFleet.start(plan.engines(), plan.profile())) {
            log.accept("Started " + plan.engines() + " engines (" + plan.profile() + ")");
            BatchResults.Throughput direct = direct(fleet);
            try (BatchServiceNode service = BatchServiceNode.start(plan, fleet.baseUris(), workDir)) {
                log.accept("batch-service is up at " + service.baseUri() + " (-Xmx" + plan.heap() + ")");
                BatchApi api = new BatchApi(service.baseUri());
                HeapSampler heap = new HeapSampler(service::heapUsedBytes, HEAP_SAMPLE);
                Measured batch;
                BatchResults.Upload upload;
                try {
                    batch = batch(api, fleet, workDir);
                    upload = plan.uploadBytes() == 0 ? null : upload(api, workDir);
                } finally {
                    heap.close();
                }
                BatchResults.Heap heapResult = new BatchResults.Heap(plan.heap(), heap.maxBytes(), heap.samples());
                log.accept("Heap: max " + heap.maxBytes() / (1 << 20) + " MiB over " + heap.samples() + " samples");
                return new BatchResults(machine(loadBefore), direct, batch.throughput(), batch.times(), upload,
                        heapResult);
            }
        } finally {
            deleteRecursively(workDir);
        }
    }

    private BatchResults.Throughput direct(EngineFleet fleet) throws InterruptedException {
        DirectLoad load = new DirectLoad(fleet.baseUris(), plan.directConcurrency());
        // Unmeasured: compiles the engines' hot paths, which share this JVM.
        load.run(Math.max(1, plan.directRequests() / 20), plan.maxTokens());
        log.accept("Direct: " + plan.directRequests() + " requests, " + plan.directConcurrency() + " in flight");
        EngineFleet.Counters before = fleet.counters();
        DirectLoad.Result result = load.run(plan.directRequests(), plan.maxTokens());
        BatchResults.Throughput throughput = new BatchResults.Throughput(result.completed(), result.failed(),
                result.elapsed(), fleet.counters().minus(before));
        log.accept(String.format(Locale.ROOT, "Direct: %.1f requests/s, %.0f generated tokens/s",
                throughput.requestsPerSecond(), throughput.generationTokensPerSecond()));
        return throughput;
    }

    private record Measured(BatchResults.Throughput throughput, BatchResults.BatchTimes times) {
    }

    private Measured batch(BatchApi api, EngineFleet fleet, Path workDir) throws IOException {
        Path input = workDir.resolve("batch-input.jsonl");
        RequestLines.write(input, plan.lines(), plan.maxTokens());
        String batchId = api.create(api.upload(input));
        long created = System.nanoTime();
        log.accept("Batch " + batchId + ": " + plan.lines() + " lines");
        long started = 0;
        long linesDone = 0;
        EngineFleet.Counters atStart = null;
        EngineFleet.Counters atEnd = null;
        JsonNode batch;
        while (true) {
            batch = api.batch(batchId);
            String status = batch.get("status").asText();
            JsonNode counts = batch.get("request_counts");
            int finished = counts.get("completed").asInt() + counts.get("failed").asInt();
            if (started == 0 && !status.equals("validating")) {
                started = System.nanoTime();
                atStart = fleet.counters();
            }
            if (linesDone == 0 && started != 0 && finished >= plan.lines()) {
                linesDone = System.nanoTime();
                atEnd = fleet.counters();
            }
            if (status.equals("completed")) {
                break;
            }
            if (List.of("failed", "expired", "cancelled").contains(status)) {
                throw new IllegalStateException("The batch ended " + status + ": " + batch);
            }
            BatchServiceNode.sleep(POLL);
        }
        long completedAt = System.nanoTime();
        JsonNode counts = batch.get("request_counts");
        BatchResults.Throughput throughput = new BatchResults.Throughput(counts.get("completed").asInt(),
                counts.get("failed").asInt(), Duration.ofNanos(linesDone - started), atEnd.minus(atStart));
        log.accept(String.format(Locale.ROOT, "Batch: %.1f requests/s, %.0f generated tokens/s",
                throughput.requestsPerSecond(), throughput.generationTokensPerSecond()));
        return new Measured(throughput, new BatchResults.BatchTimes(Duration.ofNanos(started - created),
                Duration.ofNanos(linesDone - started), Duration.ofNanos(completedAt - linesDone)));
    }

    private BatchResults.Upload upload(BatchApi api, Path workDir) throws IOException {
        Path file = workDir.resolve("large-input.jsonl");
        int lines = (int) Math.min(MAX_LINES, Math.max(1, plan.uploadBytes() / 200));
        RequestLines.writeLarge(file, lines, plan.uploadBytes());
        long bytes = Files.size(file);
        log.accept("Upload: " + bytes + " bytes, " + lines + " lines");
        long start = System.nanoTime();
        String fileId = api.upload(file);
        long uploaded = System.nanoTime();
        String batchId = api.create(fileId);
        String status;
        while ((status = api.batch(batchId).get("status").asText()).equals("validating")) {
            BatchServiceNode.sleep(Duration.ofMillis(20));
        }
        long validated = System.nanoTime();
        // Only validation is measured: stop the batch before it loads the engines.
        api.cancel(batchId);
        while (!api.batch(batchId).get("status").asText().equals("cancelled")) {
            BatchServiceNode.sleep(POLL);
        }
        BatchResults.Upload upload = new BatchResults.Upload(bytes, lines, Duration.ofNanos(uploaded - start),
                Duration.ofNanos(validated - uploaded), status);
        log.accept(String.format(Locale.ROOT, "Upload %.2f s, validation %.2f s -> %s",
                BatchResults.seconds(upload.upload()), BatchResults.seconds(upload.validation()), status));
        return upload;
    }

    private static BatchResults.Machine machine(double loadBefore) {
        String cpu = "CPU model unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try (Stream<String> lines = Files.isReadable(cpuinfo) ? Files.lines(cpuinfo) : Stream.empty()) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // the core count is what matters
        }
        return new BatchResults.Machine(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("java.vm.vendor") + " " + Runtime.version(), loadBefore, loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
