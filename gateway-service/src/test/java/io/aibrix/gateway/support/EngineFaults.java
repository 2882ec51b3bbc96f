package io.aibrix.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sets and clears a simulated engine's injected faults through its {@code /admin/faults}. */
public final class EngineFaults {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EngineFaults() {
    }

    /** @param json e.g. {@code {"errorRate":1.0,"errorStatus":503}} or {@code {"dropStreamAfterTokens":3}} */
    public static void set(URI engine, String json) {
        send(HttpRequest.newBuilder(engine.resolve("/admin/faults")).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static void clear(URI engine) {
        send(HttpRequest.newBuilder(engine.resolve("/admin/faults")).DELETE().build());
    }

    /** The engine's {@code vllm:num_requests_running} summed over its series. */
    public static double running(URI engine) {
        String page = send(HttpRequest.newBuilder(engine.resolve("/metrics")).GET().build());
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("vllm:num_requests_running")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A local port nothing listens on (bound, then released). */
    public static URI deadEngine() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
