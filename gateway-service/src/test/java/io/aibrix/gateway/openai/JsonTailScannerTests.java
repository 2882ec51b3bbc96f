package io.aibrix.gateway.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link JsonTailScanner}. */
class JsonTailScannerTests {

    private static final String CHAT = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
             "message":{"role":"assistant","content":"Hello!","tool_calls":[]},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"total_tokens":15,"completion_tokens":3,"prompt_tokens_details":null},
             "prompt_logprobs":null,"kv_transfer_params":null}""";

    private static Usage scan(String body) {
        JsonTailScanner scanner = new JsonTailScanner();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        scanner.feed(bytes, 0, bytes.length);
        return scanner.usage();
    }

    /** An embeddings body of {@code inputs} vectors, far larger than the tail. */
    private static String embeddings(int inputs) {
        StringBuilder body = new StringBuilder("{\"id\":\"embd-1\",\"object\":\"list\",\"created\":1,\"model\":\"e5\","
                + "\"data\":[");
        Random random = new Random(1);
        for (int i = 0; i < inputs; i++) {
            body.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"object\":\"embedding\","
                    + "\"embedding\":[");
            for (int d = 0; d < 1024; d++) {
                body.append(d == 0 ? "" : ",").append(random.nextFloat() - 0.5f);
            }
            body.append("]}");
        }
        return body.append("],\"usage\":{\"prompt_tokens\":40,\"total_tokens\":40,\"completion_tokens\":0,"
                + "\"prompt_tokens_details\":null}}").toString();
    }

    @Test
    void findsTheUsageAtTheEndOfAChatCompletion() {
        assertThat(scan(CHAT)).isEqualTo(new Usage(12, 3, 15));
    }

    @Test
    void findsTheUsageOfAHugeEmbeddingsBodyFedInRandomChunks() {
        byte[] body = embeddings(100).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(1 << 20);
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            JsonTailScanner scanner = new JsonTailScanner();
            for (int at = 0; at < body.length;) {
                int length = Math.min(body.length - at, 1 + random.nextInt(round % 2 == 0 ? 40_000 : 100));
                ByteBuffer chunk = ByteBuffer.allocateDirect(length).put(body, at, length).flip();
                scanner.feed(chunk);
                assertThat(chunk.position()).isZero();
                at += length;
            }

            assertThat(scanner.usage()).isEqualTo(new Usage(40, 0, 40));
            assertThat(scanner.totalBytes()).isEqualTo(body.length);
        }
    }

    @Test
    void countsMissingCompletionTokensAsZero() {
        assertThat(scan("{\"data\":[],\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}"))
                .isEqualTo(new Usage(8, 0, 8));
    }

    @Test
    void usesInputAndOutputTokensOnlyWhenThePrimaryNamesAreAbsent() {
        assertThat(scan("{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}")).isEqualTo(new Usage(3, 4, 7));
        assertThat(scan("{\"usage\":{\"prompt_tokens\":0,\"input_tokens\":3,\"completion_tokens\":0,"
                + "\"output_tokens\":4}}")).isEqualTo(new Usage(0, 0, 0));
    }

    @Test
    void readsResponsesApiUsage() {
        assertThat(scan("{\"id\":\"resp\",\"output\":[],\"usage\":{\"input_tokens\":5,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":6,\"total_tokens\":11},\"user\":null}"))
                .isEqualTo(new Usage(5, 6, 11));
    }

    @Test
    void findsNoUsageWhenThereIsNoneOrItIsNull() {
        assertThat(scan("{\"id\":\"x\",\"choices\":[]}")).isNull();
        assertThat(scan("{\"id\":\"x\",\"usage\":null}")).isNull();
        assertThat(scan("{\"usage\":{}}")).isNull();
        assertThat(scan("")).isNull();
        assertThat(scan("<html>usage</html>")).isNull();
    }

    @Test
    void skipsAnEscapedUsageKeyInsideGeneratedText() {
        String body = CHAT.replace("\"Hello!\"", "\"say \\\"usage\\\":{\\\"prompt_tokens\\\":999}\"")
                .replace("\"usage\":{\"prompt_tokens\":12,\"total_tokens\":15,\"completion_tokens\":3,"
                        + "\"prompt_tokens_details\":null},", "");

        assertThat(body).contains("\\\"usage\\\"");
        assertThat(scan(body)).isNull();
    }

    @Test
    void prefersTheLastUsageAndToleratesWhitespaceAroundTheColon() {
        assertThat(scan("{\"nested\":{\"usage\":{\"total_tokens\":1}},\n  \"usage\" :\n {\"prompt_tokens\":2,"
                + "\"completion_tokens\":3}\n}\n")).isEqualTo(new Usage(2, 3, 5));
    }

    @Test
    void losesAUsageCutByTheStartOfTheTail() {
        JsonTailScanner scanner = new JsonTailScanner(64);
        byte[] body = ("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,"
                + "\"padding\":\"" + "p".repeat(100) + "\"}}").getBytes(StandardCharsets.UTF_8);
        scanner.feed(body, 0, body.length);

        assertThat(scanner.usage()).isNull();
    }

    @Test
    void keepsExactlyTheLastBytesAcrossRingWraps() {
        String body = "x".repeat(1000) + "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= 130; chunk++) {
            JsonTailScanner scanner = new JsonTailScanner(64);
            for (int at = 0; at < bytes.length; at += chunk) {
                scanner.feed(bytes, at, Math.min(chunk, bytes.length - at));
            }

            assertThat(scanner.usage()).as("chunks of %d", chunk).isEqualTo(new Usage(1, 2, 3));
        }
    }
}
