package io.aibrix.gateway.kvevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link LineSplitter}. */
class LineSplitterTests {

    @Test
    void cutsLinesWhateverTheChunkBoundaries() {
        LineSplitter splitter = new LineSplitter(1024);
        List<String> lines = new ArrayList<>();

        for (String chunk : List.of("{\"a\":1}\n{\"b\"", ":2}\n", "{\"c\":3}", "\n\n{\"d\":4}\r\n{\"e")) {
            splitter.split(chunk.getBytes(StandardCharsets.UTF_8)).forEach(
                    line -> lines.add(new String(line, StandardCharsets.UTF_8)));
        }

        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":4}");
    }

    @Test
    void failsOnALineLongerThanTheLimitEvenWhenItArrivesInPieces() {
        LineSplitter splitter = new LineSplitter(10);
        splitter.split("12345".getBytes(StandardCharsets.UTF_8));

        assertThatExceptionOfType(LineSplitter.LineTooLongException.class)
                .isThrownBy(() -> splitter.split("678901".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsALineOfExactlyTheLimit() {
        LineSplitter splitter = new LineSplitter(10);
        splitter.split("12345".getBytes(StandardCharsets.UTF_8));

        assertThat(splitter.split("67890\n".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }
}
