package io.aibrix.benchmark.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small blocking GET/POST calls to an engine's side endpoints; any non-2xx answer is an IOException. */
final class EngineHttp {

    private final HttpClient http;
    private final Duration timeout;

    EngineHttp(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    String get(URI uri) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
    }

    String post(URI uri) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    static String describe(Exception ex) {
        return ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
}
