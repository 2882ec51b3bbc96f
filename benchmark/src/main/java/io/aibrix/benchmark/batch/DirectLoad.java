package io.aibrix.benchmark.batch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference client: sends the requests to the engines round-robin with a fixed number in flight, enough to keep
 * every engine's batch full, and times the whole run.
 */
final class DirectLoad {

    /** Completed (2xx) and failed requests, and the time from the first send to the last answer. */
    record Result(int completed, int failed, Duration elapsed) {

        double requestsPerSecond() {
            return completed / (elapsed.toNanos() / 1e9);
        }
    }

    private final List<URI> engines;
    private final int concurrency;

    DirectLoad(List<URI> engines, int concurrency) {
        this.engines = engines.stream().map(engine -> engine.resolve("/v1/chat/completions")).toList();
        this.concurrency = concurrency;
    }

    Result run(int requests, int maxTokens) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            long start = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 1; i <= requests; i++) {
                    inFlight.acquire();
                    HttpRequest request = HttpRequest.newBuilder(engines.get(i % engines.size()))
                            .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(RequestLines.body(i, maxTokens))).build();
                    threads.execute(() -> {
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                                    .statusCode();
                            (status / 100 == 2 ? completed : failed).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            return new Result(completed.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
