package io.aibrix.batch.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the service's OpenAI API, acting as one owner. */
public final class ApiClient {

    public static final String OWNER_HEADER = "x-aibrix-user";
    private static final String BOUNDARY = "test-boundary-7MA4YWxkTrZu0gW";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String owner;

    public ApiClient(URI base, String owner) {
        this.base = base;
        this.owner = owner;
    }

    /** The same service, another owner ({@code null}: no owner header at all). */
    public ApiClient as(String otherOwner) {
        return new ApiClient(base, otherOwner);
    }

    /** The same owner, another service (e.g. a restarted one). */
    public ApiClient at(URI otherBase) {
        return new ApiClient(otherBase, owner);
    }

    /** The answer: status, raw body and headers. */
    public record Answer(int status, byte[] body, Map<String, String> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Uploads with {@code purpose} sent before the file, as the Python SDK does. */
    public Answer upload(String filename, String purpose, byte[] content) {
        return upload(multipart(Map.of("purpose", purpose), filename, content, true));
    }

    /** Uploads with {@code purpose} sent after the file, as the Java SDK does. */
    public Answer uploadPurposeLast(String filename, String purpose, byte[] content) {
        return upload(multipart(Map.of("purpose", purpose), filename, content, false));
    }

    public Answer upload(byte[] multipartBody) {
        return send(request("/v1/files").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody)));
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer send(String method, String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POSTs a JSON body with extra headers, e.g. {@code Idempotency-Key}. */
    public Answer postJson(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer postJson(String path, String json) {
        return postJson(path, json, Map.of());
    }

    /** A multipart body with the given fields and, when {@code filename} is not null, a file part. */
    public static byte[] multipart(Map<String, String> fields, String filename, byte[] content, boolean fieldsFirst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (fieldsFirst) {
            fields(out, fields);
        }
        if (filename != null) {
            ascii(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            ascii(out, "\r\n");
        }
        if (!fieldsFirst) {
            fields(out, fields);
        }
        ascii(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void fields(ByteArrayOutputStream out, Map<String, String> fields) {
        new LinkedHashMap<>(fields).forEach((name, value) -> ascii(out, "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (owner != null) {
            builder.header(OWNER_HEADER, owner);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            return new Answer(response.statusCode(), response.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
