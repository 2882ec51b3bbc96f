package io.aibrix.simulator.cachenode;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A cache node's data API. Block hashes travel as JSON arrays of signed 64-bit integers.
 * <ul>
 * <li>{@code POST /v1/blocks/lookup} {@code [h1, h2, ...]} → {@code [true, false, ...]}: which blocks are held</li>
 * <li>{@code POST /v1/blocks} {@code [h1, h2, ...]} → 204: stores the blocks, evicting as needed</li>
 * <li>{@code GET /v1/blocks/stats} → capacity, size and counters</li>
 * </ul>
 */
final class CacheNodeRoutes {

    private CacheNodeRoutes() {
    }

    static RouterFunction<ServerResponse> routes(BlockStore store) {
        return RouterFunctions.route()
                .POST("/v1/blocks/lookup", request -> request.bodyToMono(long[].class)
                        .defaultIfEmpty(new long[0])
                        .flatMap(hashes -> ServerResponse.ok().bodyValue(store.lookup(hashes))))
                .POST("/v1/blocks", request -> request.bodyToMono(long[].class)
                        .defaultIfEmpty(new long[0])
                        .flatMap(hashes -> {
                            store.put(hashes);
                            return ServerResponse.noContent().build();
                        }))
                .GET("/v1/blocks/stats", request -> ServerResponse.ok().bodyValue(store.stats()))
                .GET("/health", request -> ServerResponse.ok().build())
                .build();
    }
}
