package io.aibrix.benchmark.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RequestLines}. */
class RequestLinesTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesALargeFileOfValidBatchLinesJustUnderTheRequestedSize() throws Exception {
        Path file = dir.resolve("large.jsonl");

        RequestLines.writeLarge(file, 100, 400_000);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(100);
        assertThat(Files.size(file)).isBetween(399_000L, 400_000L);
        assertThat(JSON.readTree(lines.get(99)).get("custom_id").asText()).isEqualTo("big-100");
        assertThat(JSON.readTree(lines.get(0)).get("body").get("model").asText()).isEqualTo(RequestLines.MODEL);
    }

    @Test
    void wrapsTheDirectRequestBodyInTheBatchLine() throws Exception {
        assertThat(JSON.readTree(RequestLines.line(7, 16)).get("body"))
                .isEqualTo(JSON.readTree(RequestLines.body(7, 16)));
    }
}
