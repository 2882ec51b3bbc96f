package io.aibrix.batch.execution;

import java.time.Duration;

import org.springframework.lang.Nullable;

/** An upstream answer: status, body text, its request id header and {@code Retry-After}, if any. */
record UpstreamResponse(int status, String body, @Nullable String requestId, @Nullable Duration retryAfter) {
}
