package io.aibrix.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SseEvents}. */
class SseEventsTests {

    @Test
    void framesAnErrorAsOneDataEventWithTheEnvelope() {
        assertThat(new String(SseEvents.errorEvent("upstream \"pod-1\" failed", "api_error", "upstream_error"),
                StandardCharsets.UTF_8)).isEqualTo("data: {\"error\":{\"message\":\"upstream \\\"pod-1\\\" failed\","
                        + "\"type\":\"api_error\",\"param\":null,\"code\":\"upstream_error\"}}\n\n");
        assertThat(new String(SseEvents.errorEvent("timed out", "timeout_error", null), StandardCharsets.UTF_8))
                .isEqualTo("data: {\"error\":{\"message\":\"timed out\",\"type\":\"timeout_error\",\"param\":null,"
                        + "\"code\":null}}\n\n");
    }

    @Test
    void framesTheDoneMarkerInAFreshArrayEachTime() {
        byte[] done = SseEvents.done();
        done[0] = 'X';

        assertThat(new String(SseEvents.done(), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void producesEventsTheScannerRecognises() {
        SseScanner scanner = new SseScanner();
        byte[] error = SseEvents.errorEvent("engine died", "api_error", null);
        scanner.feed(error, 0, error.length);
        byte[] done = SseEvents.done();
        scanner.feed(done, 0, done.length);

        assertThat(scanner.errorSeen()).isTrue();
        assertThat(scanner.errorMessage()).isEqualTo("engine died");
        assertThat(scanner.doneSeen()).isTrue();
        assertThat(scanner.contentChunks()).isZero();
    }
}
