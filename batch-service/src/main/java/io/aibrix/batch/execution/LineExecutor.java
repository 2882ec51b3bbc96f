package io.aibrix.batch.execution;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.aibrix.batch.execution.InputLines.InputLine;
import io.aibrix.batch.results.LineResult;

/**
 * Sends one line until it has a final outcome: a 2xx, a non-retryable answer, or a retryable failure once retries are
 * used up or the deadline is near. Every outcome feeds the batch's AIMD controller.
 */
final class LineExecutor {

    private final UpstreamClient client;
    private final RetryPolicy retry;
    private final AimdController aimd;
    private final Clock clock;

    LineExecutor(UpstreamClient client, RetryPolicy retry, AimdController aimd, Clock clock) {
        this.client = client;
        this.retry = retry;
        this.aimd = aimd;
        this.clock = clock;
    }

    LineResult execute(String endpoint, InputLine line, Map<String, String> headers, Instant deadline)
            throws InterruptedException {
        if (line.body() == null) {
            return LineResult.error(line.lineNo(), line.customId(), "invalid_request",
                    "Line " + line.lineNo() + " is not a valid request.", 0);
        }
        int attempts = 0;
        while (true) {
            attempts++;
            Instant start = clock.instant();
            UpstreamResponse response;
            try {
                response = client.post(endpoint, line.body(), headers);
            } catch (IOException e) {
                aimd.onOverload();
                Optional<Duration> delay = retry.nextDelay(attempts, null, deadline);
                if (delay.isEmpty()) {
                    return LineResult.error(line.lineNo(), line.customId(), "request_failed",
                            "The request failed after " + attempts + " attempts: " + e, attempts);
                }
                Thread.sleep(delay.get());
                continue;
            }
            int status = response.status();
            if (status >= 200 && status < 300) {
                aimd.onSuccess(Duration.between(start, clock.instant()));
                String requestId = response.requestId() != null ? response.requestId()
                        : UsageReader.id(response.body());
                return LineResult.response(line.lineNo(), line.customId(), status, requestId, response.body(),
                        UsageReader.read(response.body()), attempts);
            }
            if (!RetryPolicy.retryable(status)) {
                return LineResult.response(line.lineNo(), line.customId(), status, response.requestId(),
                        response.body(), LineResult.Tokens.NONE, attempts);
            }
            aimd.onOverload();
            Optional<Duration> delay = retry.nextDelay(attempts, response.retryAfter(), deadline);
            if (delay.isEmpty()) {
                return LineResult.response(line.lineNo(), line.customId(), status, response.requestId(),
                        response.body(), LineResult.Tokens.NONE, attempts);
            }
            Thread.sleep(delay.get());
        }
    }
}
