package io.aibrix.gateway.pd;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.endpoint.Endpoint;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;

import org.springframework.lang.Nullable;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends prefill requests to prefill engines on the gateway's own HTTP client (its connection pool and event loops) and
 * reads the whole answer. Never fails: every outcome, timeout included, is a {@link Result}.
 */
final class PrefillClient {

    private static final byte[] EMPTY = new byte[0];

    private final HttpClient http;

    private final Duration timeout;

    PrefillClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The outcome of one prefill call.
     *
     * @param params      the engine's {@code kv_transfer_params}, raw JSON; null when the call failed
     * @param failure     why it failed (a {@code gateway.pd.prefill.fallbacks} reason); null on success
     * @param engineFault whether the failure counts against the engine's circuit breaker (it could not answer, or
     *                    answered 5xx), as opposed to an answer that was merely not usable
     * @param cause       what went wrong, for the breaker and the log; null on success
     */
    record Result(@Nullable byte[] params, @Nullable String failure, boolean engineFault, @Nullable Throwable cause) {

        static Result success(byte[] params) {
            return new Result(params, null, false, null);
        }

        static Result failed(String failure, boolean engineFault, @Nullable Throwable cause) {
            return new Result(null, failure, engineFault, cause);
        }

        boolean succeeded() {
            return params != null;
        }
    }

    /**
     * @param path          the request path, e.g. {@code /v1/chat/completions}
     * @param requestId     sent as {@code x-request-id}, as on the decode request, so both engines log the same ID
     * @param authorization the client's {@code Authorization} header, forwarded for engines that check an API key
     */
    Mono<Result> prefill(Endpoint engine, String path, byte[] body, String requestId, @Nullable String authorization) {
        return http.headers(headers -> {
                headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.ACCEPT, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set("x-request-id", requestId);
                if (authorization != null) {
                    headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
                }
            })
            .post()
            .uri(engine.baseUri() + path)
            .send((request, outbound) -> outbound.sendByteArray(Mono.just(body)))
            .responseSingle((response, content) -> content.asByteArray()
                .defaultIfEmpty(EMPTY)
                .map(bytes -> answered(response.status().code(), bytes)))
            .timeout(timeout)
            .onErrorResume(error -> Mono.just(failedCall(error)));
    }

    private static Result answered(int status, byte[] body) {
        if (status >= 500) {
            return Result.failed("status_5xx", true, new PrefillStatusException(status));
        }
        if (status >= 400) {
            return Result.failed("status_4xx", false, new PrefillStatusException(status));
        }
        if (status < 200 || status >= 300) {
            return Result.failed("error", false, new PrefillStatusException(status));
        }
        byte[] params = KvTransferBodies.transferParams(body);
        return params != null ? Result.success(params)
                : Result.failed("missing_params", false, new PrefillStatusException(status));
    }

    private static Result failedCall(Throwable error) {
        if (error instanceof TimeoutException) {
            return Result.failed("timeout", true, error);
        }
        if (error instanceof ConnectException || error instanceof ConnectTimeoutException) {
            return Result.failed("connect", true, error);
        }
        if (error instanceof IOException || error instanceof ChannelException) {
            return Result.failed("connection_closed", true, error);
        }
        return Result.failed("error", true, error);
    }

    @Override
    public String toString() {
        return "PrefillClient[timeout=" + timeout + "]";
    }

    /** A prefill engine answered with a status that gives no KV to transfer. */
    static final class PrefillStatusException extends RuntimeException {

        PrefillStatusException(int status) {
            super(status >= 200 && status < 300 ? "prefill engine answered " + status + " without kv_transfer_params"
                    : "prefill engine answered " + status, null, false, false);
        }
    }
}
