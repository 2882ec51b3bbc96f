package io.aibrix.simulator.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Reads a server-sent-event response frame by frame as it arrives. Each frame must be one {@code data: ...} line
 * followed by an empty line; anything else fails the read.
 */
public final class SseStream implements AutoCloseable {

    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    public int statusCode() {
        return response.statusCode();
    }

    /** The next frame's payload (text after {@code data: }), or null at the end of the body. */
    public String next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        if (!line.startsWith("data: ")) {
            throw new IllegalStateException("Not an SSE data line: '" + line + "'");
        }
        String blank = reader.readLine();
        if (blank == null || !blank.isEmpty()) {
            throw new IllegalStateException("SSE frame '" + line + "' not followed by an empty line but by '"
                    + blank + "'");
        }
        return line.substring("data: ".length());
    }

    /** Closes the body early, which drops the connection as a client going away would. */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
