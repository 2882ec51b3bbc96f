package io.aibrix.simulator.api;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Writes a stream exactly as vLLM frames it: {@code data: <json>\n\n} per chunk (with the space Spring's SSE codec
 * leaves out), each flushed as it is produced, closed by {@code data: [DONE]\n\n}.
 */
final class SseWriter {

    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private SseWriter() {
    }

    /**
     * @param cut checked when {@code payloads} completes: true drops the connection once every frame is sent,
     *        without {@code [DONE]} or the final chunk, as a dying server would
     */
    static Mono<Void> write(ServerWebExchange exchange, Flux<String> payloads, BooleanSupplier cut) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        Flux<String> frames = payloads.concatWith(Mono.defer(() -> cut.getAsBoolean() ? Mono.empty()
                : Mono.just("[DONE]")));
        return response.writeAndFlushWith(frames.map(payload -> Mono.just(frame(response, payload))))
                .then(Mono.defer(() -> cut.getAsBoolean() ? dropConnection(exchange) : Mono.empty()));
    }

    static Mono<Void> writeJson(ServerWebExchange exchange, String body) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** Closes the connection after what was written so far, before the response's final chunk. */
    private static Mono<Void> dropConnection(ServerWebExchange exchange) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        if (!(nativeResponse instanceof Connection connection)) {
            return Mono.error(new IllegalStateException("Cannot drop the connection of a " + nativeResponse));
        }
        connection.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return Mono.empty();
    }

    private static DataBuffer frame(ServerHttpResponse response, String payload) {
        return response.bufferFactory().wrap(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
