package io.aibrix.gateway.proxy;

import io.aibrix.gateway.openai.UpstreamErrorNormalizer;

import org.springframework.http.server.reactive.ServerHttpResponse;

/** Creates the per-request response decorator with the shared, stateless collaborators. */
final class ResponseObservers {

    private final UpstreamErrorNormalizer normalizer;
    private final int errorBodyLimit;

    ResponseObservers(UpstreamErrorNormalizer normalizer, ProxyProperties properties) {
        this.normalizer = normalizer;
        this.errorBodyLimit = (int) Math.min(Integer.MAX_VALUE, properties.errorBodyLimit().toBytes());
    }

    ServerHttpResponse observe(ServerHttpResponse response, InferenceExchange ix, long deadlineNanos) {
        return new ObservedResponse(response, ix, normalizer, errorBodyLimit, deadlineNanos);
    }
}
