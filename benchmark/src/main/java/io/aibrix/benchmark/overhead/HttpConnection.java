package io.aibrix.benchmark.overhead;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends a prepared request and reads the whole response, blocking. It is
 * deliberately minimal (no TLS, no redirects, no pipelining): the overhead benchmark measures microseconds, and a
 * general-purpose client's own selector and executor hand-offs would blur them.
 *
 * <p>It reports two instants per exchange: when the first token arrived (the first SSE {@code data:} event whose delta
 * has non-empty {@code content} or {@code text}; for a non-streamed answer, the end of the body) and when the
 * response ended.
 */
final class HttpConnection implements AutoCloseable {

    private static final byte[] CONTENT_MARK = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] TEXT_MARK = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    /** The outcome of one exchange; times are {@link System#nanoTime()} values. */
    record Exchange(int status, long firstTokenNanos, long endNanos) {
    }

    private final URI target;

    private final int readTimeoutMillis;

    private Socket socket;

    private InputStream in;

    private OutputStream out;

    HttpConnection(URI target, int readTimeoutMillis) {
        this.target = target;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Builds the request bytes once; they are sent unchanged for every exchange. */
    static byte[] request(URI target, byte[] body) {
        String head = "POST " + target.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends one request and reads its response; reconnects first if the previous exchange left no connection. */
    Exchange exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        }
        catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(target.getHost(), target.getPort()), CONNECT_TIMEOUT_MILLIS);
        s.setSoTimeout(readTimeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Exchange readResponse() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        TokenWatch watch = new TokenWatch();
        if (chunked) {
            readChunked(watch);
        }
        else if (contentLength >= 0) {
            readFixed(contentLength, watch);
        }
        else {
            throw new IOException("Response has neither Content-Length nor chunked encoding");
        }
        long end = System.nanoTime();
        if (closeAfter) {
            close();
        }
        return new Exchange(status, watch.firstTokenNanos < 0 ? end : watch.firstTokenNanos, end);
    }

    private void readFixed(long length, TokenWatch watch) throws IOException {
        byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("Response body ended " + remaining + " bytes early");
            }
            watch.scan(buffer, n);
            remaining -= n;
        }
    }

    private void readChunked(TokenWatch watch) throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            int remaining = size;
            while (remaining > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new EOFException("Chunk ended " + remaining + " bytes early");
                }
                watch.scan(buffer, n);
                remaining -= n;
            }
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed mid-response");
            }
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // closing a broken connection; nothing to recover
            }
            socket = null;
        }
    }

    /**
     * Finds the first token in the body as it arrives. A marker split across two reads is missed and the token is
     * then seen one read later at worst; responses here are small, so this costs no accuracy in practice.
     */
    private static final class TokenWatch {

        long firstTokenNanos = -1;

        void scan(byte[] buffer, int length) {
            if (firstTokenNanos >= 0) {
                return;
            }
            if (hasToken(buffer, length, CONTENT_MARK) || hasToken(buffer, length, TEXT_MARK)) {
                firstTokenNanos = System.nanoTime();
            }
        }

        /** A marker followed by anything but the closing quote: a non-empty string value. */
        private static boolean hasToken(byte[] buffer, int length, byte[] mark) {
            outer:
            for (int i = 0; i + mark.length < length; i++) {
                for (int j = 0; j < mark.length; j++) {
                    if (buffer[i + j] != mark[j]) {
                        continue outer;
                    }
                }
                if (buffer[i + mark.length] != '"') {
                    return true;
                }
            }
            return false;
        }
    }
}
