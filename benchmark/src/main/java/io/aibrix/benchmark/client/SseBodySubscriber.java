package io.aibrix.benchmark.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.aibrix.benchmark.run.NanoClock;

/**
 * Feeds a streaming body through the SSE decoder into an accumulator, stamping each event with the time its bytes
 * arrived. The body completes when the server closes the stream.
 */
final class SseBodySubscriber implements HttpResponse.BodySubscriber<StreamAccumulator> {

    private final StreamAccumulator accumulator;
    private final StreamEventParser parser;
    private final NanoClock clock;
    private final SseDecoder decoder = new SseDecoder();
    private final CompletableFuture<StreamAccumulator> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    SseBodySubscriber(StreamAccumulator accumulator, StreamEventParser parser, NanoClock clock) {
        this.accumulator = accumulator;
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public CompletionStage<StreamAccumulator> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long now = clock.nanoTime();
        for (ByteBuffer buffer : buffers) {
            for (String data : decoder.feed(buffer)) {
                accumulator.accept(parser.parse(data), now);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        accumulator.complete(clock.nanoTime());
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        long now = clock.nanoTime();
        for (String data : decoder.finish()) {
            accumulator.accept(parser.parse(data), now);
        }
        accumulator.complete(now);
        body.complete(accumulator);
    }

    /** Stops reading, e.g. after a timeout; the connection is dropped. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
