package io.aibrix.gateway.openai;

import java.util.Map;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * A request the gateway refuses before routing for a reason other than its body: a missing or unknown API key (401),
 * a quota (429), a backend it needs that is down (503). Answered in the OpenAI envelope with {@link #headers()} added
 * (e.g. {@code Retry-After}). Thrown per request, so it carries no stack trace.
 */
public class RejectedRequestException extends RuntimeException {

    private final int status;
    private final @Nullable String param;
    private final @Nullable String code;
    private final Map<String, String> headers;

    public RejectedRequestException(int status, String message, @Nullable String param, @Nullable String code,
            Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public @Nullable String param() {
        return param;
    }

    public @Nullable String code() {
        return code;
    }

    /** Response headers that go with the error, e.g. {@code Retry-After} and {@code x-ratelimit-*}. */
    public Map<String, String> headers() {
        return headers;
    }
}
