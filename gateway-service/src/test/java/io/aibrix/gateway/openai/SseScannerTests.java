package io.aibrix.gateway.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SseScanner}. */
class SseScannerTests {

    private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
    private static final String HELLO = chunk("{\"content\":\"Hello\"}", "null");
    private static final String BANG = chunk("{\"content\":\"!\"}", "\"stop\"");
    private static final String USAGE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":15,"
            + "\"completion_tokens\":3,\"prompt_tokens_details\":null}}";

    /** A vLLM chat stream with {@code stream_options.include_usage}. */
    private static final String VLLM_STREAM = event(ROLE) + event(HELLO) + event(BANG) + event(USAGE)
            + event("[DONE]");

    private static final Outcome VLLM_OUTCOME = new Outcome(true, true, false, null, new Usage(12, 3, 15), 3, 0);

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}";
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private record Outcome(boolean firstEventSeen, boolean doneSeen, boolean errorSeen, String errorMessage,
            Usage usage, int contentChunks, int skippedEvents) {

        static Outcome of(SseScanner scanner) {
            return new Outcome(scanner.firstEventSeen(), scanner.doneSeen(), scanner.errorSeen(),
                    scanner.errorMessage(), scanner.usage(), scanner.contentChunks(), scanner.skippedEvents());
        }
    }

    private static Outcome scanWhole(String stream) {
        SseScanner scanner = new SseScanner();
        feed(scanner, stream.getBytes(StandardCharsets.UTF_8));
        return Outcome.of(scanner);
    }

    private static void feed(SseScanner scanner, byte[] bytes) {
        scanner.feed(bytes, 0, bytes.length);
    }

    private static Outcome scanInRandomSplits(byte[] stream, RandomGenerator random, int maxEventBytes) {
        SseScanner scanner = new SseScanner(maxEventBytes);
        int at = 0;
        while (at < stream.length) {
            int length = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 300));
            // Alternate heap, direct and read-only buffers, each with bytes around the window that must not be read.
            ByteBuffer buffer = switch (random.nextInt(3)) {
                case 0 -> ByteBuffer.wrap(padded(stream, at, length), 3, length);
                case 1 -> ByteBuffer.allocateDirect(length + 6).put(padded(stream, at, length)).position(3)
                        .limit(3 + length);
                default -> ByteBuffer.wrap(padded(stream, at, length), 3, length).asReadOnlyBuffer();
            };
            scanner.feed(buffer);
            assertThat(buffer.position()).isEqualTo(3);
            at += length;
        }
        return Outcome.of(scanner);
    }

    /** The window with 3 bytes of line-breaking noise on either side. */
    private static byte[] padded(byte[] stream, int at, int length) {
        byte[] padded = new byte[length + 6];
        System.arraycopy(stream, at, padded, 3, length);
        padded[0] = padded[1] = padded[length + 4] = '\n';
        padded[2] = padded[length + 3] = padded[length + 5] = '\r';
        return padded;
    }

    @Test
    void readsUsageDoneAndContentChunksOfAVllmStream() {
        assertThat(scanWhole(VLLM_STREAM)).isEqualTo(VLLM_OUTCOME);
    }

    @Test
    void getsTheSameResultFedOneByteAtATime() {
        SseScanner scanner = new SseScanner();
        byte[] bytes = VLLM_STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            scanner.feed(bytes, i, 1);
        }

        assertThat(Outcome.of(scanner)).isEqualTo(VLLM_OUTCOME);
    }

    @Test
    void getsTheSameResultForRandomSplitsAndEveryLineEnding() {
        Random random = new Random(42);
        for (String lineEnd : new String[] {"\n", "\r\n", "\r"}) {
            byte[] stream = VLLM_STREAM.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 200; round++) {
                assertThat(scanInRandomSplits(stream, random, SseScanner.DEFAULT_MAX_EVENT_BYTES))
                        .as("line end %s, round %d", lineEnd.replace("\r", "CR").replace("\n", "LF"), round)
                        .isEqualTo(VLLM_OUTCOME);
            }
        }
    }

    @Test
    void feedsEverySplitPointOfTwoChunksAlike() {
        byte[] stream = VLLM_STREAM.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= stream.length; split++) {
            SseScanner scanner = new SseScanner();
            scanner.feed(stream, 0, split);
            scanner.feed(stream, split, stream.length - split);

            assertThat(Outcome.of(scanner)).as("split at %d", split).isEqualTo(VLLM_OUTCOME);
        }
    }

    @Test
    void keepsTheLastUsageWhenEveryChunkCarriesOne() {
        String stream = event(HELLO.replace("]}", "],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,"
                + "\"total_tokens\":6}}"))
                + event(BANG.replace("]}", "],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
                        + "\"total_tokens\":7}}"))
                + event("[DONE]");

        assertThat(scanWhole(stream)).isEqualTo(new Outcome(true, true, false, null, new Usage(5, 2, 7), 2, 0));
    }

    @Test
    void doesNotTakeANullUsageForUsage() {
        String stream = event(USAGE) + event(HELLO.replace("]}", "],\"usage\":null}")) + event("[DONE]");

        Outcome outcome = scanWhole(stream);

        assertThat(outcome.usage()).isEqualTo(new Usage(12, 3, 15));
        assertThat(outcome.contentChunks()).isEqualTo(1);
    }

    @Test
    void usesInputAndOutputTokensOnlyWhenThePrimaryNamesAreAbsent() {
        assertThat(scanWhole(event("{\"choices\":[],\"usage\":{\"input_tokens\":4,\"output_tokens\":6}}")).usage())
                .isEqualTo(new Usage(4, 6, 10));
        assertThat(scanWhole(event("{\"choices\":[],\"usage\":{\"prompt_tokens\":0,\"input_tokens\":4,"
                + "\"completion_tokens\":2,\"output_tokens\":6,\"total_tokens\":2}}")).usage())
                .isEqualTo(new Usage(0, 2, 2));
    }

    @Test
    void readsTheUsageOfAResponsesApiCompletedEvent() {
        String stream = "event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n"
                + "event: response.completed\n"
                + "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{\"input_tokens\":7,"
                + "\"output_tokens\":2,\"total_tokens\":9}}}\n\n";

        Outcome outcome = scanWhole(stream);

        assertThat(outcome.usage()).isEqualTo(new Usage(7, 2, 9));
        assertThat(outcome.contentChunks()).isEqualTo(1);
    }

    @Test
    void recognisesErrorEventsInEveryShapeWithoutCountingThemAsContent() {
        Outcome nested = scanWhole(event(HELLO) + event("{\"error\":{\"message\":\"engine died\","
                + "\"type\":\"api_error\","
                + "\"param\":null,\"code\":null}}"));
        Outcome flat = scanWhole(event("{\"object\":\"error\",\"message\":\"bad\",\"type\":\"BadRequestError\","
                + "\"code\":400}"));
        Outcome string = scanWhole(event("{\"error\":\"overloaded\"}"));
        Outcome notAnError = scanWhole(event("{\"error\":null,\"choices\":[{\"delta\":{}}]}"));

        assertThat(nested).isEqualTo(new Outcome(true, false, true, "engine died", null, 1, 0));
        assertThat(flat).isEqualTo(new Outcome(true, false, true, "bad", null, 0, 0));
        assertThat(string).isEqualTo(new Outcome(true, false, true, "overloaded", null, 0, 0));
        assertThat(notAnError).isEqualTo(new Outcome(true, false, false, null, null, 1, 0));
    }

    @Test
    void ignoresCommentsOtherFieldsAndEmptyDataAndJoinsDataLines() {
        String stream = ": keep-alive\n\n"
                + "event: message\nid: 7\nretry: 1000\ndatum: {\"usage\":{\"total_tokens\":99}}\n\n"
                + "data:\n\n"
                + "data:{\"choices\":[],\n"
                + "data\n"
                + "data: \"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n"
                + "data:[DONE]  \n\n";

        assertThat(scanWhole(stream)).isEqualTo(new Outcome(true, true, false, null, new Usage(1, 1, 2), 0, 0));
    }

    @Test
    void seesNoEventUntilTheFirstOneIsComplete() {
        SseScanner scanner = new SseScanner();
        byte[] bytes = (": ping\n\n" + event(HELLO)).getBytes(StandardCharsets.UTF_8);

        scanner.feed(bytes, 0, bytes.length - 1);
        assertThat(scanner.firstEventSeen()).isFalse();

        scanner.feed(bytes, bytes.length - 1, 1);
        assertThat(scanner.firstEventSeen()).isTrue();
        assertThat(scanner.contentChunks()).isEqualTo(1);
    }

    @Test
    void onlyParsesEventsThatMentionUsageOrError() {
        String stream = event("{not json at all") + event("{\"usage\": not json}") + event("{\"choices\":[\"usage\"]}");

        // Unparsed garbage counts as content; parsed garbage is skipped.
        assertThat(scanWhole(stream)).isEqualTo(new Outcome(true, false, false, null, null, 2, 1));
    }

    @Test
    void ignoresUsageWordsInsideGeneratedText() {
        String text = chunk("{\"content\":\"the \\\"usage\\\":{\\\"prompt_tokens\\\":1} field\"}", "null");

        assertThat(scanWhole(event(text) + event(USAGE))).isEqualTo(
                new Outcome(true, false, false, null, new Usage(12, 3, 15), 1, 0));
    }

    @Test
    void skipsAnOversizedEventAndKeepsScanning() {
        String huge = chunk("{\"content\":\"" + "x".repeat(5000) + "\"}", "null").replace("]}",
                "],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":999,\"total_tokens\":1000}}");
        byte[] stream = (event(HELLO) + event(huge) + event(USAGE) + event("[DONE]")).getBytes(StandardCharsets.UTF_8);

        Outcome expected = new Outcome(true, true, false, null, new Usage(12, 3, 15), 1, 1);
        assertThat(scanInRandomSplits(stream, new Random(7), 1024)).isEqualTo(expected);
        SseScanner scanner = new SseScanner(1024);
        feed(scanner, stream);
        assertThat(Outcome.of(scanner)).isEqualTo(expected);
    }

    @Test
    void boundsMemoryForAnEventBeyondTheDefaultLimit() {
        SseScanner scanner = new SseScanner();
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'x');
        byte[] head = "data: {\"usage\":\"".getBytes(StandardCharsets.UTF_8);
        scanner.feed(head, 0, head.length);
        for (int i = 0; i < 64; i++) { // 64 MiB in one event
            scanner.feed(ByteBuffer.wrap(megabyte));
        }
        byte[] rest = ("\"}\n\n" + event(USAGE)).getBytes(StandardCharsets.UTF_8);
        scanner.feed(rest, 0, rest.length);

        assertThat(Outcome.of(scanner)).isEqualTo(new Outcome(true, false, false, null, new Usage(12, 3, 15), 0, 1));
    }

    @Test
    void finishesAnEventThatLacksItsBlankLine() {
        SseScanner scanner = new SseScanner();
        byte[] bytes = (event(HELLO) + "data: " + USAGE).getBytes(StandardCharsets.UTF_8);
        feed(scanner, bytes);
        assertThat(scanner.usage()).isNull();

        scanner.finish();
        scanner.finish();

        assertThat(Outcome.of(scanner)).isEqualTo(new Outcome(true, false, false, null, new Usage(12, 3, 15), 1, 0));
    }

    @Test
    void reportsNothingForAnEmptyStream() {
        SseScanner scanner = new SseScanner();
        scanner.feed(ByteBuffer.allocate(0));
        scanner.finish();

        assertThat(Outcome.of(scanner)).isEqualTo(new Outcome(false, false, false, null, null, 0, 0));
    }
}
