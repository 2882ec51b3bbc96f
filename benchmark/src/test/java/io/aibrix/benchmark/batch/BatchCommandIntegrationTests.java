package io.aibrix.benchmark.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tests for {@link BatchCommand}: the whole benchmark at toy sizes (two instant engines, a few hundred lines, a 2 MiB
 * upload), with the packaged batch-service as its child JVM.
 */
class BatchCommandIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void measuresDirectAndBatchRunsTheUploadAndTheHeapAndWritesTheReport() throws Exception {
        Path report = dir.resolve("batch.md");
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new BatchCommand()).setOut(new PrintWriter(out));

        int exit = command.execute("--batch-service-jar", System.getProperty("batch.jar"), "--engines", "2",
                "--profile", "zero", "--lines", "300", "--direct-concurrency", "32", "--max-tokens", "4",
                "--batch-initial-concurrency", "8", "--upload-mb", "2", "--output", report.toString());

        assertThat(exit).as(out.toString()).isIn(0, BatchCommand.TARGET_MISSED);
        String markdown = Files.readString(report);
        assertThat(markdown).contains("# batch-service benchmark", "--engines 2 --profile zero --lines 300",
                "| direct | 300 | 0 |", "| batch | 300 | 0 |", "## Upload and validation", "## Heap");
        assertThat(markdown).doesNotContain(dir.toString(), System.getProperty("batch.jar"));
        assertThat(markdown).containsPattern("maximum \\*\\*[1-9][0-9]* MiB\\*\\*");
    }
}
