package io.aibrix.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tests for {@link SseDecoder}. */
class SseDecoderTests {

    private final SseDecoder decoder = new SseDecoder();

    @Test
    void eventSplitAcrossReadsIsEmittedOnceComplete() {
        assertThat(feed("data: {\"choices\":[{\"delta\":")).isEmpty();
        assertThat(feed("{\"content\":\" w\"}}]}\n")).isEmpty();
        assertThat(feed("\n")).containsExactly("{\"choices\":[{\"delta\":{\"content\":\" w\"}}]}");
    }

    @Test
    void everyByteBoundaryGivesTheSameEvents() {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":\"é漢\"}\r\n\r\ndata: [DONE]\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            SseDecoder split = new SseDecoder();
            List<String> events = new ArrayList<>(split.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, cut))));
            events.addAll(split.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, cut, bytes.length))));
            assertThat(events).as("cut at byte %d", cut).containsExactly("{\"a\":1}", "{\"b\":\"é漢\"}", "[DONE]");
        }
    }

    @Test
    void severalEventsInOneRead() {
        assertThat(feed("data: 1\n\ndata: 2\n\ndata: [DONE]\n\n")).containsExactly("1", "2", "[DONE]");
    }

    @Test
    void commentsAndOtherFieldsAreIgnoredAndDataLinesJoin() {
        assertThat(feed(": keep-alive\n\nevent: message\nid: 7\ndata: first\ndata:second\n\n"))
                .containsExactly("first\nsecond");
    }

    @Test
    void finishFlushesAnUnterminatedEvent() {
        assertThat(feed("data: [DONE]")).isEmpty();
        assertThat(decoder.finish()).containsExactly("[DONE]");
        assertThat(decoder.finish()).isEmpty();
    }

    private List<String> feed(String text) {
        return decoder.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
