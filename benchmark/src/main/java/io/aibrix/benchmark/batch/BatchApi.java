package io.aibrix.benchmark.batch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Files and Batches calls of the benchmark, as one owner; an answer other than 200 fails the run. */
final class BatchApi {

    private static final String BOUNDARY = "batch-benchmark-boundary-5Yq2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;

    BatchApi(URI base) {
        this.base = base;
    }

    /** Uploads {@code file} with purpose {@code batch}, streamed from disk; returns the file id. */
    String upload(Path file) throws FileNotFoundException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)));
        return ok(Http.send(request)).get("id").asText();
    }

    /** Creates a chat-completions batch of the file; returns the batch id. */
    String create(String fileId) {
        String body = "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\"}";
        return ok(Http.send(HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))))
                .get("id").asText();
    }

    JsonNode batch(String id) {
        return ok(Http.get(base.resolve("/v1/batches/" + id)));
    }

    JsonNode cancel(String id) {
        return ok(Http.send(HttpRequest.newBuilder(base.resolve("/v1/batches/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    private static JsonNode ok(Http.Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("batch-service answered " + answer.status() + ": " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
