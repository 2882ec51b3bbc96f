package io.aibrix.simulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, read to the end of the connection. Unlike {@link EngineClient} it
 * shows exactly what the server sent even when the server cuts the connection mid-response (an
 * {@link java.net.http.HttpClient} may then drop data it had already received).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param body the decoded body: the concatenated chunk data for a chunked response
     * @param complete whether the body ended properly (the final zero-length chunk, or all of Content-Length)
     */
    public record Response(int status, Map<String, String> headers, String body, boolean complete) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** POSTs {@code json} with {@code Connection: close} and reads until the server closes the connection. */
    public static Response post(URI base, String path, String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(readToEnd(socket.getInputStream()));
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("The server neither finished nor closed the connection; received so far:\n"
                    + bytes.toString(StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            // A reset after the data still leaves what arrived before it.
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IOException("No complete response head in: " + text);
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        int start = headerEnd + 4;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return dechunk(status, headers, raw, start);
        }
        String length = headers.get("content-length");
        int available = raw.length - start;
        boolean complete = length == null || available >= Integer.parseInt(length);
        return new Response(status, headers, new String(raw, start, available, StandardCharsets.UTF_8), complete);
    }

    private static Response dechunk(int status, Map<String, String> headers, byte[] raw, int start) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int pos = start;
        while (true) {
            int lineEnd = indexOfCrlf(raw, pos);
            if (lineEnd < 0) {
                return new Response(status, headers, body.toString(StandardCharsets.UTF_8), false);
            }
            int size = Integer.parseInt(new String(raw, pos, lineEnd - pos, StandardCharsets.US_ASCII).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return new Response(status, headers, body.toString(StandardCharsets.UTF_8), true);
            }
            if (pos + size + 2 > raw.length) {
                body.write(raw, pos, Math.min(size, raw.length - pos));
                return new Response(status, headers, body.toString(StandardCharsets.UTF_8), false);
            }
            body.write(raw, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
