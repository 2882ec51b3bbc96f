package io.aibrix.simulator.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a never-ending {@code application/x-ndjson} response line by line as it arrives, on a background thread, so
 * a test can wait for the next line with a timeout and notice when the server ends the stream.
 */
public final class NdjsonStream implements AutoCloseable {

    private static final Object END = new Object();

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private NdjsonStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofPlatform().daemon().name("ndjson-reader").start(this::read);
    }

    /** GETs {@code path} and starts reading once the headers arrived. */
    public static NdjsonStream open(URI base, String path) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return new NdjsonStream(http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int statusCode() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next line as JSON, or null when none arrived within {@code timeout} or the stream ended. */
    public JsonNode next(Duration timeout) {
        try {
            Object line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == END) {
                lines.add(END);
                return null;
            }
            return (JsonNode) line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines until one matches {@code last} (included); fails when the stream stalls for {@code timeout}. */
    public List<JsonNode> until(Predicate<JsonNode> last, Duration timeout) {
        List<JsonNode> read = new ArrayList<>();
        while (true) {
            JsonNode line = next(timeout);
            if (line == null) {
                throw new AssertionError("No matching line within " + timeout + "; read " + read);
            }
            read.add(line);
            if (last.test(line)) {
                return read;
            }
        }
    }

    /** Lines that are not heartbeats, until {@code count} were read. */
    public List<JsonNode> events(int count, Duration timeout) {
        List<JsonNode> read = new ArrayList<>();
        while (read.size() < count) {
            JsonNode line = next(timeout);
            if (line == null) {
                throw new AssertionError("Only " + read.size() + " of " + count + " events arrived: " + read);
            }
            if (!"heartbeat".equals(line.path("type").asText())) {
                read.add(line);
            }
        }
        return read;
    }

    /** Whether the server ended the stream (closed or finished the response). */
    public boolean hasEnded() {
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(EngineClient.json(line));
            }
        } catch (IOException e) {
            // A dropped connection ends the stream like a finished one.
        } finally {
            ended = true;
            lines.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader.interrupt();
    }
}
