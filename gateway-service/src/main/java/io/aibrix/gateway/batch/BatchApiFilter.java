package io.aibrix.gateway.batch;

import java.net.ConnectException;
import java.util.Map;

import io.aibrix.gateway.auth.Authenticator;
import io.aibrix.gateway.auth.Caller;
import io.aibrix.gateway.openai.ErrorBodies;
import io.aibrix.gateway.openai.RejectedRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Files and Batches API's only filter; it looks at headers and never at a body, so both directions stream. With
 * API keys on, it admits the request with the same 401/503 as inference and forwards the key's user in the owner
 * header, dropping the client's {@code Authorization} and any owner it claimed; with keys off, the client's owner
 * header passes through. batch-service's own answers (errors included) are relayed unchanged; not reaching it is a
 * 503, its response timeout a 504, both in the OpenAI envelope.
 */
final class BatchApiFilter implements GatewayFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(BatchApiFilter.class);

    private final BatchProperties properties;
    private final @Nullable Authenticator authenticator;

    BatchApiFilter(BatchProperties properties, @Nullable Authenticator authenticator) {
        this.properties = properties;
        this.authenticator = authenticator;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!properties.configured()) {
            String request = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
            return write(exchange.getResponse(), 404, "Invalid URL (" + request + "): the Files and Batches API is not"
                    + " available because batch-service is not configured on this gateway", null, "unknown_url",
                    Map.of());
        }
        return identify(exchange)
                .flatMap(chain::filter)
                .onErrorResume(error -> respond(exchange, error));
    }

    /** The exchange as forwarded: owner header set from the key's user, or left as the client sent it. */
    private Mono<ServerWebExchange> identify(ServerWebExchange exchange) {
        if (authenticator == null) {
            return Mono.just(exchange);
        }
        return authenticator.authenticate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .map(caller -> owned(exchange, caller));
    }

    private ServerWebExchange owned(ServerWebExchange exchange, Caller caller) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(properties.ownerHeader());
            headers.set(properties.ownerHeader(), caller.user());
        })).build();
    }

    private Mono<Void> respond(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Mid-download: too late for a status, the client sees the connection end early.
            return Mono.error(error);
        }
        response.getHeaders().clear();
        if (error instanceof RejectedRequestException rejected) {
            return write(response, rejected.status(), rejected.getMessage(), rejected.param(), rejected.code(),
                    rejected.headers());
        }
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return write(response, 504, "batch-service did not answer within " + properties.responseTimeout(),
                    null, "timeout", Map.of());
        }
        if (isUnreachable(error)) {
            log.debug("batch-service at {} unreachable: {}", properties.url(), error.toString());
        }
        else {
            log.warn("Forwarding {} {} to batch-service failed", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error);
        }
        return write(response, 503, "The Files and Batches API is unavailable right now: batch-service cannot be"
                + " reached. Please retry shortly.", null, "service_unavailable", Map.of("Retry-After", "1"));
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Void> write(ServerHttpResponse response, int status, String message, @Nullable String param,
            @Nullable String code, Map<String, String> headers) {
        byte[] body = ErrorBodies.json(status, message, param, code);
        response.setStatusCode(HttpStatusCode.valueOf(status));
        headers.forEach(response.getHeaders()::set);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public String toString() {
        return "BatchApi[url=" + properties.url() + ", ownerHeader=" + properties.ownerHeader() + ", auth="
                + (authenticator != null) + "]";
    }
}
