package io.aibrix.gateway.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.auth.Authenticator;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.observability.GatewayMetrics;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.openai.InferenceRequestParser;
import io.aibrix.gateway.quota.Quotas;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingException;
import io.aibrix.gateway.routing.RoutingStrategy;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;

/**
 * The outer half of the inference pipeline, ordered before Spring Cloud Gateway's response writer so it sees the whole
 * exchange: opens the request's {@link InferenceExchange}, authenticates its API key (when auth is on), reads and
 * validates the body once, admits it against its quotas, decorates the request (replayable body, client identity
 * headers stripped) and the response (usage, first byte, error normalisation, broken streams), enforces the deadline,
 * answers gateway-side errors in the OpenAI envelope, and ends the lifecycle exactly once on every terminal signal.
 */
final class InferenceExchangeFilter implements GatewayFilter, Ordered {

    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final InferenceRequestParser parser;
    private final EndpointRegistry endpoints;
    private final RoutingStrategyRegistry strategies;
    private final ProxyProperties properties;
    private final GatewayMetrics metrics;
    private final EndpointCircuitBreakers breakers;
    private final ErrorResponder errors;
    private final ResponseObservers observers;
    private final GatewayShutdown shutdown;
    private final Router router;
    private final @Nullable Authenticator authenticator;
    private final @Nullable Quotas quotas;

    InferenceExchangeFilter(InferenceRequestParser parser, EndpointRegistry endpoints,
            RoutingStrategyRegistry strategies, ProxyProperties properties, GatewayMetrics metrics,
            EndpointCircuitBreakers breakers, ErrorResponder errors, ResponseObservers observers,
            GatewayShutdown shutdown, Router router, @Nullable Authenticator authenticator,
            @Nullable Quotas quotas) {
        this.parser = parser;
        this.endpoints = endpoints;
        this.strategies = strategies;
        this.properties = properties;
        this.metrics = metrics;
        this.breakers = breakers;
        this.errors = errors;
        this.observers = observers;
        this.shutdown = shutdown;
        this.router = router;
        this.authenticator = authenticator;
        this.quotas = quotas;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // The route only matches the inference paths, so the API is always known here.
        InferenceApi api = Objects.requireNonNull(InferenceApi.fromPath(request.getPath().value()));
        InferenceExchange ix = new InferenceExchange(RequestIds.of(request.getHeaders()), api, System.nanoTime());
        exchange.getAttributes().put(InferenceExchange.ATTRIBUTE, ix);
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            ix.writeHeaders(response.getHeaders());
            return Mono.empty();
        });
        return Mono.defer(() -> readAndForward(exchange, chain, ix))
                .onErrorResume(error -> errors.respond(exchange, ix, error))
                .doFinally(signal -> finish(exchange, ix, signal));
    }

    private Mono<Void> readAndForward(ServerWebExchange exchange, GatewayFilterChain chain, InferenceExchange ix) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST) {
            return Mono.error(GatewayException.methodNotAllowed(request.getMethod().name(), request.getPath().value()));
        }
        int limit = (int) properties.maxBodySize().toBytes();
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(GatewayException.bodyTooLarge(limit));
        }
        return authenticate(request, ix)
                .then(DataBufferUtils.join(request.getBody(), limit))
                .onErrorMap(DataBufferLimitException.class, e -> GatewayException.bodyTooLarge(limit))
                .map(InferenceExchangeFilter::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    accept(exchange, ix, body);
                    return admit(exchange, ix).then(Mono.defer(() -> forward(exchange, chain, ix, body)));
                });
    }

    /** Resolves the API key to the caller; nothing to do with authentication off. */
    private Mono<Void> authenticate(ServerHttpRequest request, InferenceExchange ix) {
        if (authenticator == null) {
            return Mono.empty();
        }
        return authenticator.authenticate(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .doOnNext(ix::caller)
                .then();
    }

    /** Charges the request to its quotas; nothing to do without quotas. */
    private Mono<Void> admit(ServerWebExchange exchange, InferenceExchange ix) {
        if (quotas == null) {
            return Mono.empty();
        }
        return quotas.admit(ix.request(), ix.caller(), ix::quotaTicket, eventLoop(exchange));
    }

    /** The request connection's event loop, so the pipeline resumes there after an asynchronous admission. */
    private static Executor eventLoop(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return connection.channel().eventLoop();
        }
        return Runnable::run;
    }

    /** Parses and admits the request; throws the client's mistake as an exception the responder renders. */
    private void accept(ServerWebExchange exchange, InferenceExchange ix, byte[] body) {
        InferenceRequest parsed = parser.parse(ix.api(), body);
        ix.accepted(parsed, strategySpec(exchange));
        if (!endpoints.current().serves(parsed.model())) {
            throw GatewayException.modelNotFound(parsed.model());
        }
        RoutingStrategy strategy;
        try {
            strategy = strategies.resolve(ix.strategy());
        }
        catch (RoutingException e) {
            throw GatewayException.invalidRoutingStrategy(e.getMessage());
        }
        if (strategy.needsPromptTokens()) {
            ix.tokenizeBeforeRouting(body);
        }
    }

    private String strategySpec(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst("routing-strategy");
        return header == null || header.isBlank() ? properties.defaultRoutingStrategy() : header.trim();
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, InferenceExchange ix,
            byte[] body) {
        long deadlineNanos = ix.startNanos() + properties.requestTimeout().toNanos();
        ServerWebExchange decorated = exchange.mutate()
                .request(new ReplayableRequest(exchange.getRequest(), body, ix.requestId(), authenticator != null))
                .response(observers.observe(exchange.getResponse(), ix, deadlineNanos))
                .build();
        // Until the response is committed the deadline fails the request with 504; afterwards the response observer
        // ends a stream with an error event instead.
        Mono<Long> deadline = Mono.delay(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))
                .filter(tick -> !exchange.getResponse().isCommitted())
                .switchIfEmpty(Mono.never());
        return chain.filter(decorated)
                .timeout(deadline)
                .onErrorMap(TimeoutException.class,
                        e -> GatewayException.timeout(properties.requestTimeout().toMillis()));
    }

    private void finish(ServerWebExchange exchange, InferenceExchange ix, SignalType signal) {
        ServerHttpResponse response = exchange.getResponse();
        int status;
        String outcome;
        if (signal == SignalType.CANCEL || ix.isAbandoned()) {
            status = InferenceExchange.CLIENT_CLOSED_REQUEST;
            outcome = shutdown.isShuttingDown() ? "shutdown" : "cancelled";
        }
        else {
            status = response.getStatusCode() == null ? 200 : response.getStatusCode().value();
            if (signal == SignalType.ON_ERROR) {
                outcome = shutdown.isShuttingDown() ? "shutdown" : "interrupted";
            }
            else {
                outcome = ErrorResponder.outcomeFor(status, ix);
            }
        }
        boolean modelKnown = ix.hasRequest() && endpoints.current().serves(ix.request().model());
        if (ix.finish(status, outcome, System.nanoTime(), metrics, breakers, modelKnown)) {
            ix.reportRouting(router, status);
        }
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    @Override
    public String toString() {
        return "InferenceExchange[maxBodySize=" + properties.maxBodySize() + ", requestTimeout="
                + properties.requestTimeout() + "]";
    }
}
