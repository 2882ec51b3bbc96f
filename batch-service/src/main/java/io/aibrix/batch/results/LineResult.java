package io.aibrix.batch.results;

import io.aibrix.batch.openai.OpenAiIds;

import org.springframework.lang.Nullable;

/**
 * The final outcome of one input line: a response (any status) or an error without one.
 *
 * @param lineNo            1-based line number in the input file
 * @param requestId         the output line's {@code id}, {@code batch_req_...}
 * @param succeeded         a 2xx response (output file) or not (error file)
 * @param statusCode        the upstream status, null when there was no response
 * @param upstreamRequestId the upstream's request id, null when there was no response
 * @param responseBody      the upstream body verbatim, null when there was no response
 * @param errorCode         why there is no response ({@code batch_expired}, {@code request_failed}), else null
 * @param errorMessage      with {@code errorCode}
 * @param attempts          requests sent for this line
 */
public record LineResult(int lineNo, String customId, String requestId, boolean succeeded,
        @Nullable Integer statusCode, @Nullable String upstreamRequestId, @Nullable String responseBody,
        @Nullable String errorCode, @Nullable String errorMessage, Tokens tokens, int attempts) {

    /** Token usage of a successful response. */
    public record Tokens(long input, long cached, long output, long reasoning) {

        public static final Tokens NONE = new Tokens(0, 0, 0, 0);

        public long total() {
            return input + output;
        }
    }

    /** A response, successful or not. */
    public static LineResult response(int lineNo, String customId, int statusCode,
            @Nullable String upstreamRequestId,
            String body, Tokens tokens, int attempts) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new LineResult(lineNo, customId, newRequestId(), ok, statusCode, upstreamRequestId, body, null, null,
                ok ? tokens : Tokens.NONE, attempts);
    }

    /** No response at all. */
    public static LineResult error(int lineNo, String customId, String code, String message, int attempts) {
        return new LineResult(lineNo, customId, newRequestId(), false, null, null, null, code, message, Tokens.NONE,
                attempts);
    }

    private static String newRequestId() {
        return OpenAiIds.next("batch_req_");
    }
}
