package io.aibrix.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.aibrix.gateway.openai.JsonTailScanner;
import io.aibrix.gateway.openai.SseEvents;
import io.aibrix.gateway.openai.SseScanner;
import io.aibrix.gateway.openai.UpstreamErrorNormalizer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches an engine's response on its way to the client without buffering it: the first byte (TTFT), the usage in the
 * final SSE event or at the end of a JSON body, and how the body ended. Spring Cloud Gateway writes SSE with
 * {@code writeAndFlushWith} (one flush per upstream chunk) and everything else with {@code writeWith}.
 *
 * <ul>
 * <li>An upstream error status (after retries) has its body read (bounded) and normalised once into the OpenAI
 * envelope.</li>
 * <li>A stream that breaks, or ends without {@code data: [DONE]}, or outlives the request deadline, ends with an SSE
 * error event the OpenAI SDKs raise, never with a silent truncation or a hang.</li>
 * <li>A JSON body that breaks mid-way propagates the error, so the connection is aborted rather than looking
 * complete.</li>
 * </ul>
 */
final class ObservedResponse extends ServerHttpResponseDecorator {

    private final InferenceExchange ix;
    private final UpstreamErrorNormalizer normalizer;
    private final int errorBodyLimit;
    private final long deadlineNanos;

    ObservedResponse(ServerHttpResponse delegate, InferenceExchange ix, UpstreamErrorNormalizer normalizer,
            int errorBodyLimit, long deadlineNanos) {
        super(delegate);
        this.ix = ix;
        this.normalizer = normalizer;
        this.errorBodyLimit = errorBodyLimit;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (isErrorStatus()) {
            return writeNormalisedError(Flux.from(body));
        }
        JsonTailScanner tail = new JsonTailScanner();
        Flux<DataBuffer> observed = Flux.<DataBuffer>from(body)
                .doOnNext(buffer -> {
                    ix.firstByte(System.nanoTime(), false);
                    forEachPart(buffer, tail::feed);
                })
                .takeUntilOther(Mono.delay(remaining()))
                // A JSON body cut at the deadline must not look complete: fail it so the connection is aborted.
                .concatWith(Mono.defer(() -> System.nanoTime() - deadlineNanos >= 0
                        ? Mono.error(new TimeoutException("request deadline passed while relaying the body"))
                        : Mono.empty()))
                .doOnComplete(() -> ix.usage(tail.usage()))
                .doOnCancel(ix::responseAbandoned);
        return super.writeWith(observed);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        if (isErrorStatus()) {
            return writeNormalisedError(Flux.from(body).concatMap(Flux::from));
        }
        SseScanner sse = new SseScanner();
        Flux<Publisher<DataBuffer>> chunks = Flux.<Publisher<? extends DataBuffer>>from(body)
                .takeUntilOther(Mono.delay(remaining()))
                .<Publisher<DataBuffer>>map(chunk -> Flux.<DataBuffer>from(chunk).doOnNext(buffer -> {
                    ix.firstByte(System.nanoTime(), true);
                    forEachPart(buffer, sse::feed);
                }))
                .onErrorResume(error -> {
                    ix.interrupted(error, "interrupted");
                    return Mono.just(errorEvent("The engine's stream broke before it finished: " + describe(error),
                            "upstream_stream_interrupted"));
                })
                // Evaluated when the writer reaches it, i.e. after every upstream chunk went through the scanner.
                .concatWith(Mono.fromSupplier(() -> Flux.defer(() -> {
                    sse.finish();
                    ix.usage(sse.usage());
                    if (sse.doneSeen() || ix.interruption() != null) {
                        return Flux.empty();
                    }
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        ix.interrupted(new TimeoutException("request deadline passed mid-stream"), "timeout");
                        return Flux.just(buffer(SseEvents.errorEvent("The request timed out before the engine"
                                + " finished the stream", "timeout_error", "timeout")));
                    }
                    ix.interrupted(new IllegalStateException("stream ended without [DONE]"), "interrupted");
                    return Flux.just(buffer(SseEvents.errorEvent("The engine's stream ended before [DONE]",
                            "api_error", "upstream_stream_interrupted")));
                })))
                .doOnCancel(ix::responseAbandoned);
        return super.writeAndFlushWith(chunks);
    }

    private Publisher<DataBuffer> errorEvent(String message, String code) {
        return Flux.defer(() -> Flux.just(buffer(SseEvents.errorEvent(message, "api_error", code))));
    }

    private boolean isErrorStatus() {
        HttpStatusCode status = getStatusCode();
        return status != null && status.value() >= 400;
    }

    private Mono<Void> writeNormalisedError(Flux<DataBuffer> body) {
        int status = getStatusCode().value();
        String contentType = getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return body.collect(() -> new BoundedBytes(errorBodyLimit), (bytes, buffer) -> {
                    bytes.append(buffer);
                    DataBufferUtils.release(buffer);
                })
                .flatMap(bytes -> {
                    byte[] normalised = normalizer.normalize(status, bytes.toByteArray(),
                            contentType == null ? "" : contentType);
                    HttpHeaders headers = getHeaders();
                    headers.remove(HttpHeaders.TRANSFER_ENCODING);
                    headers.setContentType(MediaType.APPLICATION_JSON);
                    headers.setContentLength(normalised.length);
                    return super.writeWith(Mono.just(buffer(normalised)));
                });
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private DataBuffer buffer(byte[] bytes) {
        return bufferFactory().wrap(bytes);
    }

    /** Hands each readable region of the buffer to a scanner without moving the buffer's read position. */
    private static void forEachPart(DataBuffer buffer, Consumer<ByteBuffer> scanner) {
        try (DataBuffer.ByteBufferIterator parts = buffer.readableByteBuffers()) {
            while (parts.hasNext()) {
                scanner.accept(parts.next());
            }
        }
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    /** The first {@code limit} bytes of a body; the rest is dropped. */
    private static final class BoundedBytes {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BoundedBytes(int limit) {
            this.limit = limit;
        }

        void append(DataBuffer buffer) {
            int take = Math.min(buffer.readableByteCount(), limit - bytes.size());
            if (take > 0) {
                byte[] chunk = new byte[take];
                buffer.read(chunk);
                bytes.write(chunk, 0, take);
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
