package io.aibrix.batch.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.testsupport.EngineFleetExtension;

/** Input files, batch creation and waiting on batches, for the batch integration tests. */
public final class BatchFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchFixtures() {
    }

    /**
     * One instant simulated engine. The engine is a Spring Boot application in this JVM, so it would otherwise pick up
     * this module's database auto-configuration from the shared classpath.
     */
    public static EngineFleetExtension engines() {
        return engines(1);
    }

    /** {@code count} instant simulated engines, as {@link #engines()}. */
    public static EngineFleetExtension engines(int count) {
        return EngineFleetExtension.builder()
                .engines(count)
                .property("simulator.profile", "zero")
                .property("spring.autoconfigure.exclude", String.join(",",
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                        "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"))
                .build();
    }

    public static String chatLine(String customId, String model) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"" + model + "\",\"max_tokens\":4,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello " + customId + "\"}]}}";
    }

    /** {@code count} chat lines with custom ids {@code req-1 ... req-count}. */
    public static String chatLines(int count, String model) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> chatLine("req-" + i, model))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    public static String upload(ApiClient client, String content) {
        ApiClient.Answer answer = client.upload("input.jsonl", "batch", content.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().get("id").asText();
    }

    public static String createBody(String fileId, String window) {
        return "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\""
                + window + "\"}";
    }

    public static JsonNode create(ApiClient client, String fileId, String window) {
        ApiClient.Answer answer = client.postJson("/v1/batches", createBody(fileId, window));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    public static JsonNode awaitStatus(ApiClient client, String batchId, Duration timeout, String... statuses) {
        List<String> wanted = Arrays.asList(statuses);
        return await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/v1/batches/" + batchId).json(),
                        batch -> wanted.contains(batch.get("status").asText()));
    }

    /** The lines of a file's content, parsed. */
    public static List<JsonNode> lines(ApiClient client, String fileId) {
        String text = client.get("/v1/files/" + fileId + "/content").text();
        return text.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
