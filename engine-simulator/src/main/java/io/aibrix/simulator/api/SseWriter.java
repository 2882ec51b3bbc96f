package io.aibrix.simulator.api;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a stream exactly as vLLM frames it: {@code data: <json>\n\n} per chunk (with the space Spring's SSE codec
 * leaves out), each flushed as it is produced, closed by {@code data: [DONE]\n\n}.
 */
final class SseWriter {

    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private SseWriter() {
    }

    static Mono<Void> write(ServerWebExchange exchange, Flux<String> payloads) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        Flux<String> frames = payloads.concatWith(Mono.just("[DONE]"));
        return response.writeAndFlushWith(frames.map(payload -> Mono.just(frame(response, payload))));
    }

    static Mono<Void> writeJson(ServerWebExchange exchange, String body) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static DataBuffer frame(ServerHttpResponse response, String payload) {
        return response.bufferFactory().wrap(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
