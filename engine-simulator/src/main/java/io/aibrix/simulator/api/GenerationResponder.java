package io.aibrix.simulator.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.engine.FinishedRequest;
import io.aibrix.simulator.fault.FaultState;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Turns a generation's events into vLLM's response: a single JSON body, or SSE chunks as tokens arrive. */
final class GenerationResponder {

    private final ResponseBodies bodies;
    private final FaultState faults;
    private final KvTransferParams kvTransfer;
    private final Clock clock;

    GenerationResponder(ResponseBodies bodies, FaultState faults, KvTransferParams kvTransfer, Clock clock) {
        this.bodies = bodies;
        this.faults = faults;
        this.kvTransfer = kvTransfer;
        this.clock = clock;
    }

    enum Kind {
        CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk"),
        COMPLETION("cmpl-", "text_completion", "text_completion");

        final String idPrefix;
        final String object;
        final String chunkObject;

        Kind(String idPrefix, String object, String chunkObject) {
            this.idPrefix = idPrefix;
            this.object = object;
            this.chunkObject = chunkObject;
        }
    }

    Mono<Void> respond(ServerWebExchange exchange, Kind kind, String model, Flux<GenerationEvent> events,
            boolean stream, boolean includeUsage) {
        String id = kind.idPrefix + UUID.randomUUID().toString().replace("-", "");
        long created = clock.millis() / 1000;
        if (stream) {
            ResponseBodies.Envelope envelope = new ResponseBodies.Envelope(id, kind.chunkObject, created, model);
            // An injected cut ends the chunks early; the writer then drops the connection once they are sent.
            AtomicBoolean cut = new AtomicBoolean();
            Flux<String> chunks = chunks(kind, envelope, events, includeUsage)
                    .onErrorResume(StreamCutException.class, e -> {
                        cut.set(true);
                        return Flux.empty();
                    });
            return SseWriter.write(exchange, chunks, cut::get);
        }
        ResponseBodies.Envelope envelope = new ResponseBodies.Envelope(id, kind.object, created, model);
        return events.collectList().flatMap(all -> {
            StringBuilder text = new StringBuilder();
            FinishedRequest finished = null;
            for (GenerationEvent event : all) {
                switch (event) {
                    case GenerationEvent.Token token -> text.append(token.text());
                    case GenerationEvent.Done done -> finished = done.finished();
                }
            }
            JsonNode transfer = kvTransfer.response(finished, exchange.getRequest().getLocalAddress());
            String body = kind == Kind.CHAT
                    ? bodies.chatCompletion(envelope, text.toString(), finished, transfer)
                    : bodies.completion(envelope, text.toString(), finished, transfer);
            return SseWriter.writeJson(exchange, body);
        });
    }

    private Flux<String> chunks(Kind kind, ResponseBodies.Envelope envelope, Flux<GenerationEvent> events,
            boolean includeUsage) {
        int dropAfter = faults.current().dropStreamAfterTokens();
        return Flux.defer(() -> {
            int[] tokens = {0};
            return events.concatMapIterable(event -> {
                List<String> out = new ArrayList<>(2);
                switch (event) {
                    case GenerationEvent.Token token -> {
                        tokens[0]++;
                        if (dropAfter > 0 && tokens[0] > dropAfter) {
                            throw new StreamCutException(dropAfter);
                        }
                        if (kind == Kind.CHAT) {
                            if (tokens[0] == 1) {
                                out.add(bodies.chatRoleChunk(envelope));
                            }
                            out.add(bodies.chatContentChunk(envelope, token.text(), token.finishReason()));
                        } else {
                            out.add(bodies.completionChunk(envelope, token.text(), token.finishReason()));
                        }
                    }
                    case GenerationEvent.Done done -> {
                        if (includeUsage) {
                            out.add(bodies.usageChunk(envelope, done.finished()));
                        }
                    }
                }
                return out;
            });
        });
    }

    /** Injected fault: the connection is closed mid-stream, without {@code [DONE]}. */
    static final class StreamCutException extends RuntimeException {

        StreamCutException(int afterTokens) {
            super("stream cut by fault injection after " + afterTokens + " tokens", null, false, false);
        }
    }
}
