package io.aibrix.gateway.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.auth.Caller;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.enginestats.EngineStats;
import io.aibrix.gateway.observability.GatewayMetrics;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.tokenize.EngineTokenizer;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The inner half of the inference pipeline, after Spring Cloud Gateway has resolved the route's URL and before it
 * forwards: picks the engine with the routing strategy among ready engines whose circuit breaker admits traffic,
 * points the forward at it, and retries on another engine when the attempt fails before any response byte (connect
 * failure, connection closed, or a 5xx status, whose body has not been relayed yet).
 */
final class EndpointRoutingFilter implements GatewayFilter, Ordered {

    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;

    /** Headers strategies may read; copied per request instead of all headers. */
    private static final List<String> ROUTING_HEADERS = List.of("x-session-id", "x-aibrix-session-key", "user",
            "config-profile", "external-filter", Router.DEBUG_REQUEST_HEADER);

    /**
     * Names the caller when authentication is off, winning over the body's {@code user} field; with authentication on,
     * the key's user is the identity and this header is not even forwarded.
     */
    private static final String USER_HEADER = "user";

    /** Marks an attempt that got response headers (a Throwable so it shares the failure's type). */
    private static final Throwable NO_FAILURE = new NoFailure();

    private final EndpointRegistry endpoints;

    private final @Nullable EngineTokenizer tokenizer;
    private final EngineStats engineStats;
    private final InFlightRequests inFlight;
    private final EndpointCircuitBreakers breakers;
    private final Router router;
    private final GatewayMetrics metrics;
    private final int maxRetries;

    EndpointRoutingFilter(EndpointRegistry endpoints, EngineStats engineStats, InFlightRequests inFlight,
            EndpointCircuitBreakers breakers, Router router, GatewayMetrics metrics, ProxyProperties properties,
            @Nullable EngineTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.endpoints = endpoints;
        this.engineStats = engineStats;
        this.inFlight = inFlight;
        this.breakers = breakers;
        this.router = router;
        this.metrics = metrics;
        this.maxRetries = properties.maxRetries();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return Mono.defer(() -> {
            InferenceExchange ix = exchange.getRequiredAttribute(InferenceExchange.ATTRIBUTE);
            RoutingRequest routing = routingRequest(ix, exchange.getRequest().getHeaders());
            byte[] body = ix.bodyToTokenize();
            Endpoint tokenizerEngine = body == null || tokenizer == null ? null : leastLoadedReady(routing.model());
            if (tokenizerEngine == null) {
                return routeFirst(exchange, chain, ix, routing);
            }
            // A failed or slow tokenizer completes empty: the request is then routed without token IDs.
            return tokenizer.tokenizePrompt(tokenizerEngine, ix.api(), body)
                    .map(prompt -> routing.withPromptTokenIds(prompt.ids(), prompt.replyTokens()))
                    .defaultIfEmpty(routing)
                    .flatMap(tokenized -> routeFirst(exchange, chain, ix, tokenized));
        });
    }

    private Mono<Void> routeFirst(ServerWebExchange exchange, GatewayFilterChain chain, InferenceExchange ix,
            RoutingRequest routing) {
        ix.routingRequest(routing);
        Endpoint first = pick(ix, routing);
        if (first == null) {
            throw new IllegalStateException("no candidate on the first attempt of " + ix.requestId());
        }
        return attempt(exchange, chain, ix, routing, first);
    }

    /** The ready engine of the model with the fewest in-flight requests, or null when none is ready. */
    private @Nullable Endpoint leastLoadedReady(String model) {
        Endpoint best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Endpoint endpoint : endpoints.current().endpoints(model)) {
            if (endpoint.ready() && breakers.admits(endpoint)) {
                int count = inFlight.count(endpoint);
                if (count < bestCount) {
                    best = endpoint;
                    bestCount = count;
                }
            }
        }
        return best;
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, InferenceExchange ix,
            RoutingRequest routing, Endpoint target) {
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, targetUrl(exchange, target));
        return chain.filter(exchange)
                .then(Mono.just(NO_FAILURE))
                .onErrorResume(EndpointRoutingFilter::isTransportFailure, Mono::just)
                .flatMap(failure -> failure == NO_FAILURE
                        ? afterResponseHeaders(exchange, chain, ix, routing, target)
                        : afterTransportFailure(exchange, chain, ix, routing, target, failure));
    }

    private Mono<Void> afterResponseHeaders(ServerWebExchange exchange, GatewayFilterChain chain,
            InferenceExchange ix, RoutingRequest routing, Endpoint target) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        long elapsed = System.nanoTime() - ix.attemptStartNanos();
        if (status == null || !status.is5xxServerError()) {
            if (ix.settleAttempt()) {
                breakers.onSuccess(target, elapsed);
            }
            return Mono.empty();
        }
        if (ix.settleAttempt()) {
            breakers.onFailure(target, elapsed, new UpstreamStatusException(status.value()));
        }
        Endpoint next = nextTarget(ix, routing);
        if (next == null) {
            return Mono.empty(); // relay the engine's error, normalised by the response observer
        }
        return retry(exchange, chain, ix, routing, next, "status_" + status.value());
    }

    private Mono<Void> afterTransportFailure(ServerWebExchange exchange, GatewayFilterChain chain,
            InferenceExchange ix, RoutingRequest routing, Endpoint target, Throwable failure) {
        if (ix.settleAttempt()) {
            breakers.onFailure(target, System.nanoTime() - ix.attemptStartNanos(), failure);
        }
        Endpoint next = nextTarget(ix, routing);
        if (next == null) {
            return Mono.error(GatewayException.upstreamUnreachable(ix.request().model(), target.address(), failure));
        }
        return retry(exchange, chain, ix, routing, next, failure instanceof ConnectException
                || failure instanceof ConnectTimeoutException ? "connect" : "connection_closed");
    }

    /** Forgets the failed attempt's response and forwards again to {@code next}. */
    private Mono<Void> retry(ServerWebExchange exchange, GatewayFilterChain chain, InferenceExchange ix,
            RoutingRequest routing, Endpoint next, String reason) {
        metrics.retried(ix.request().model(), reason);
        ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
        return attempt(exchange, chain, ix, routing, next);
    }

    /** The engine for another attempt, or null when retries are used up or no other engine may take it. */
    private @Nullable Endpoint nextTarget(InferenceExchange ix, RoutingRequest routing) {
        if (ix.attempts() > maxRetries) {
            return null;
        }
        try {
            return pick(ix, routing);
        }
        catch (GatewayException noneLeft) {
            return null;
        }
    }

    /**
     * Routes among ready, untried engines the breakers admit, and claims the winner. Returns null when every ready
     * engine was already tried; throws 503 when none is ready or all are taken out by their breakers.
     */
    private @Nullable Endpoint pick(InferenceExchange ix, RoutingRequest routing) {
        String model = routing.model();
        List<Endpoint> known = endpoints.current().endpoints(model);
        if (known.isEmpty()) {
            throw GatewayException.modelNotFound(model);
        }
        List<Candidate> candidates = new ArrayList<>(known.size());
        int ready = 0;
        int open = 0;
        for (Endpoint endpoint : known) {
            if (!endpoint.ready()) {
                continue;
            }
            ready++;
            if (ix.tried(endpoint)) {
                continue;
            }
            if (!breakers.admits(endpoint)) {
                open++;
                continue;
            }
            candidates.add(new Candidate(endpoint, inFlight.count(endpoint), inFlight.prefilling(endpoint),
                    engineStats.metrics(endpoint)));
        }
        while (!candidates.isEmpty()) {
            Decision decision = router.route(ix.strategy(), routing, candidates);
            Endpoint target = decision.target();
            if (breakers.tryAcquire(target)) {
                ix.routed(decision, inFlight.acquire(target, model), System.nanoTime());
                return target;
            }
            // Half-open with its probes in use: this engine cannot take another call right now.
            candidates.removeIf(c -> c.endpoint().address().equals(target.address()));
            open++;
        }
        if (ready == 0) {
            throw GatewayException.noReadyEndpoint(model, known.size());
        }
        if (ix.attempts() == 0 && open > 0) {
            throw GatewayException.allCircuitsOpen(model, open);
        }
        return null;
    }

    private static RoutingRequest routingRequest(InferenceExchange ix, HttpHeaders headers) {
        InferenceRequest request = ix.request();
        Map<String, String> routingHeaders = new HashMap<>(4);
        for (String name : ROUTING_HEADERS) {
            String value = headers.getFirst(name);
            if (value != null) {
                routingHeaders.put(name, value);
            }
        }
        Caller caller = ix.caller();
        String header = routingHeaders.get(USER_HEADER);
        String user = caller != null ? caller.user() : header != null ? header : request.user();
        return new RoutingRequest(ix.requestId(), request.model(), request.promptText(), request.promptTokens(),
                request.maxTokens(), request.stream(), user, routingHeaders);
    }

    private static URI targetUrl(ServerWebExchange exchange, Endpoint target) {
        URI original = exchange.getRequest().getURI();
        String query = original.getRawQuery();
        return URI.create(target.baseUri() + original.getRawPath() + (query == null ? "" : "?" + query));
    }

    /** Failures before any response byte: the engine can be retried and counts against its breaker. */
    private static boolean isTransportFailure(Throwable error) {
        return error instanceof IOException || error instanceof ChannelException;
    }

    @Override
    public String toString() {
        return "EndpointRouting[maxRetries=" + maxRetries + "]";
    }

    private static final class NoFailure extends Throwable {

        NoFailure() {
            super("no failure", null, false, false);
        }
    }

    /** Recorded against a circuit breaker when an engine answers with a 5xx. */
    static final class UpstreamStatusException extends RuntimeException {

        UpstreamStatusException(int status) {
            super("engine answered " + status, null, false, false);
        }
    }
}
