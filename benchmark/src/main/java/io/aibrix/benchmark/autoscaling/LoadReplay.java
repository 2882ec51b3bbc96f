package io.aibrix.benchmark.autoscaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the trace's requests through the gateway at their times, each a streamed completion on its own virtual
 * thread, and measures the time to the first streamed token. Requests run open-loop: a slow fleet does not slow the
 * sending down.
 */
final class LoadReplay {

    private final HttpClient http;
    private final URI gateway;
    private final String body;
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadReplay(HttpClient http, URI gateway, String model, int promptWords, int outputTokens) {
        this.http = http;
        this.gateway = gateway;
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < promptWords; i++) {
            prompt.append("word").append(i % 97).append(' ');
        }
        this.body = "{\"model\":\"" + model + "\",\"prompt\":\"" + prompt.toString().strip() + "\",\"max_tokens\":"
                + outputTokens + ",\"ignore_eos\":true,\"stream\":true}";
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Replays {@code arrivals} (replay seconds) from {@code startNanos} and returns every outcome in send order. */
    List<RequestOutcome> run(List<Double> arrivals, long startNanos) throws InterruptedException {
        List<Future<RequestOutcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (double at : arrivals) {
                long wait = startNanos + (long) (at * 1e9) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                futures.add(executor.submit(() -> send(at)));
            }
        }
        List<RequestOutcome> outcomes = new ArrayList<>();
        for (Future<RequestOutcome> future : futures) {
            outcomes.add(future.resultNow());
        }
        return outcomes;
    }

    private RequestOutcome send(double at) {
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/v1/completions"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .header("routing-strategy", "least-request")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    return new RequestOutcome(at, Double.NaN, "HTTP " + response.statusCode());
                }
                double ttft = Double.NaN;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (Double.isNaN(ttft) && line.startsWith("data:") && !line.contains("[DONE]")) {
                        ttft = (System.nanoTime() - sent) / 1e9;
                    }
                }
                return Double.isNaN(ttft) ? new RequestOutcome(at, Double.NaN, "no token streamed")
                        : new RequestOutcome(at, ttft, null);
            }
        }
        catch (IOException ex) {
            return new RequestOutcome(at, Double.NaN, ex.getClass().getSimpleName());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new RequestOutcome(at, Double.NaN, "interrupted");
        }
        finally {
            inFlight.decrementAndGet();
        }
    }
}
