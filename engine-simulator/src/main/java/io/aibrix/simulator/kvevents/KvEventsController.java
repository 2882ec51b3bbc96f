package io.aibrix.simulator.kvevents;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * {@code GET /v1/kv-events?from=<seq>&engine_id=<id>}: the engine's KV block events as NDJSON, a snapshot or a replay first, then
 * live until the engine stops (docs/kv-events-contract.md). A reader that falls out of the retained history has its
 * connection closed.
 */
@RestController
@ConditionalOnProperty(prefix = "simulator.kv-events", name = "enabled", havingValue = "true", matchIfMissing = true)
class KvEventsController {

    private final KvEventStreams streams;

    KvEventsController(KvEventStreams streams) {
        this.streams = streams;
    }

    @GetMapping("/v1/kv-events")
    Mono<Void> events(@RequestParam(name = "from", required = false) Long from,
            @RequestParam(name = "engine_id", required = false) String engineId, ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setContentType(MediaType.APPLICATION_NDJSON);
        Flux<Mono<DataBuffer>> frames = streams.open(from == null ? 0 : from, engineId)
                .onErrorResume(KvEventSubscription.SlowReaderException.class, e -> {
                    // Whatever is still queued for this reader is useless to it: drop the connection now.
                    closeConnection(response);
                    return Flux.empty();
                })
                .map(line -> Mono.just(response.bufferFactory().wrap(line)));
        return response.writeAndFlushWith(frames);
    }

    private static void closeConnection(ServerHttpResponse response) {
        if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof Connection connection) {
            connection.channel().close();
        }
    }
}
