package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TraceReader} and {@link TraceWorkload}. */
class TraceReaderTests {

    @Test
    void readsAzureDatetimeTimestamps() throws IOException {
        List<TraceRow> rows = read("""
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:15:46.6805900,374,44
                2023-11-16 18:15:50.9951690,396,109
                2023-11-16 18:16:06.0000000,879,6
                """);
        assertThat(rows).extracting(TraceRow::contextTokens).containsExactly(374, 396, 879);
        assertThat(rows).extracting(TraceRow::generatedTokens).containsExactly(44, 109, 6);
        assertThat(rows.get(1).timestampNanos() - rows.get(0).timestampNanos()).isEqualTo(4_314_579_000L);
        assertThat(rows.get(2).timestampNanos() - rows.get(0).timestampNanos()).isEqualTo(19_319_410_000L);
    }

    @Test
    void readsNumericSecondTimestamps() throws IOException {
        List<TraceRow> rows = read("""
                TIMESTAMP,ContextTokens,GeneratedTokens
                0,100,10
                0.25,200,20
                1.5,300,30
                """);
        assertThat(rows).extracting(TraceRow::timestampNanos).containsExactly(0L, 250_000_000L, 1_500_000_000L);
    }

    @Test
    void headerlessFileIsPositionalAndColumnsCanBeReordered() throws IOException {
        assertThat(read("1,5,6\n2,7,8\n")).containsExactly(new TraceRow(1_000_000_000L, 5, 6),
                new TraceRow(2_000_000_000L, 7, 8));
        assertThat(read("GeneratedTokens,TIMESTAMP,ContextTokens\n6,1,5\n"))
                .containsExactly(new TraceRow(1_000_000_000L, 5, 6));
    }

    @Test
    void datetimeWithOffsetIsConvertedToTheSameTimeLine() throws IOException {
        List<TraceRow> rows = read("2024-05-10 00:00:00.5+00:00,1,1\n2024-05-10 02:00:01.5+02:00,1,1\n");
        assertThat(rows.get(1).timestampNanos() - rows.get(0).timestampNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void badRowNamesTheFileAndLine() {
        assertThatThrownBy(() -> read("TIMESTAMP,ContextTokens,GeneratedTokens\n1,2,3\n2,abc,3\n"))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("t.csv line 3")
                .hasMessageContaining("2,abc,3");
    }

    @Test
    void missingFileIsReportedByName(@TempDir Path dir) {
        assertThatThrownBy(() -> TraceReader.read(dir.resolve("absent.csv")))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("absent.csv");
    }

    @Test
    void traceArrivalsAreRelativeToTheFirstRowAndDividedBySpeedup(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:15:46.0,12,3
                2023-11-16 18:15:48.0,7,0
                2023-11-16 18:15:50.0,9,4
                """);
        TraceWorkload workload = new TraceWorkload(TraceReader.read(file), 2.0, "trace.csv", new RandomStreams(1));
        List<ScheduledRequest> requests = new ArrayList<>();
        workload.schedule(RunLimits.unlimited()).forEachRemaining(requests::add);
        assertThat(requests).extracting(ScheduledRequest::atSeconds).containsExactly(0.0, 1.0, 2.0);
        assertThat(requests.getFirst().spec().messages().getFirst().content().split(" ")).hasSize(12);
        assertThat(requests).extracting(r -> r.spec().maxTokens()).containsExactly(3, 1, 4);
        assertThat(workload.size()).hasValue(3);

        List<ScheduledRequest> limited = new ArrayList<>();
        workload.schedule(new RunLimits(1.5, null)).forEachRemaining(limited::add);
        assertThat(limited).hasSize(2);
    }

    private static List<TraceRow> read(String csv) throws IOException {
        return TraceReader.read(new StringReader(csv), "t.csv");
    }
}
