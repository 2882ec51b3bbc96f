package io.aibrix.localsuite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Polls a starting child's readiness URLs until each answers 200, the child exits, or the time is up. */
final class Readiness implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    /** Returns once every URL has answered 200, in order; throws naming the child if it exits or times out. */
    void await(ChildProcess child, List<URI> urls, Duration timeout)
            throws SuiteStartupException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (URI url : urls) {
            String problem = "no answer yet";
            while (true) {
                if (!child.isAlive()) {
                    throw new SuiteStartupException(child.name(), "it exited with code " + child.exitCode()
                            + " while starting", child.lastLines());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new SuiteStartupException(child.name(), "not ready within " + timeout.toSeconds()
                            + " s (--startup-timeout); GET " + url + ": " + problem, child.lastLines());
                }
                problem = probe(url);
                if (problem == null) {
                    break;
                }
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    /** Null when the URL answered 200, otherwise what went wrong. */
    private String probe(URI url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "HTTP " + status;
        }
        catch (IOException ex) {
            return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.toString();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
