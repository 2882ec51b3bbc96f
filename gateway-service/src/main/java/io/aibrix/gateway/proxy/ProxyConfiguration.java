package io.aibrix.gateway.proxy;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aibrix.gateway.auth.Authenticator;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.enginestats.EngineStats;
import io.aibrix.gateway.observability.GatewayMetrics;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequestParser;
import io.aibrix.gateway.openai.UpstreamErrorNormalizer;
import io.aibrix.gateway.pd.PdExchangeAccess;
import io.aibrix.gateway.pd.PdPrefillFilter;
import io.aibrix.gateway.quota.Quotas;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingException;
import io.aibrix.gateway.routing.RoutingStrategyRegistry;
import io.aibrix.gateway.tokenize.EngineTokenizer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.Disposable;

/**
 * Wires the inference pipeline: one Spring Cloud Gateway route for the OpenAI inference paths whose URL is replaced per
 * request by the routing filter, plus the per-engine state it keeps (in-flight counts, circuit breakers).
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    /** Placeholder route URI; {@link EndpointRoutingFilter} replaces it with the chosen engine for every request. */
    private static final String UNROUTED = "http://unrouted.invalid";

    @Bean
    RouteLocator inferenceRoutes(RouteLocatorBuilder routes, InferenceExchangeFilter exchangeFilter,
            PdPrefillFilter pdFilter, EndpointRoutingFilter routingFilter) {
        String[] paths = Arrays.stream(InferenceApi.values()).map(InferenceApi::path).toArray(String[]::new);
        return routes.routes()
                .route("inference", route -> route.path(paths)
                        .filters(filters -> filters.filter(exchangeFilter).filter(pdFilter).filter(routingFilter))
                        .uri(UNROUTED))
                .build();
    }

    /** What the pd prefill filter may see and do of a request's lifecycle. */
    @Bean
    PdExchangeAccess pdExchangeAccess(InFlightRequests inFlight, EndpointCircuitBreakers breakers) {
        return new PdAccess(inFlight, breakers);
    }

    @Bean
    InferenceExchangeFilter inferenceExchangeFilter(InferenceRequestParser parser, EndpointRegistry endpoints,
            RoutingStrategyRegistry strategies, ProxyProperties properties, GatewayMetrics metrics,
            EndpointCircuitBreakers breakers, UpstreamErrorNormalizer normalizer, GatewayShutdown shutdown,
            Router router, ObjectProvider<Authenticator> authenticator, ObjectProvider<Quotas> quotas) {
        try {
            strategies.resolve(properties.defaultRoutingStrategy());
        }
        catch (RoutingException e) {
            throw new IllegalStateException("gateway.proxy.default-routing-strategy: " + e.getMessage(), e);
        }
        return new InferenceExchangeFilter(parser, endpoints, strategies, properties, metrics, breakers,
                new ErrorResponder(), new ResponseObservers(normalizer, properties), shutdown, router,
                authenticator.getIfAvailable(), quotas.getIfAvailable());
    }

    @Bean
    EndpointRoutingFilter endpointRoutingFilter(EndpointRegistry endpoints, EngineStats engineStats,
            InFlightRequests inFlight, EndpointCircuitBreakers breakers, Router router, GatewayMetrics metrics,
            ProxyProperties properties, ObjectProvider<EngineTokenizer> tokenizer) {
        return new EndpointRoutingFilter(endpoints, engineStats, inFlight, breakers, router, metrics, properties,
                tokenizer.getIfAvailable());
    }

    /**
     * Event loops owned by this context. Boot's default shares Reactor Netty's global resources and disposes them when
     * any context closes, which would stop every other server in the JVM (tests, benchmarks).
     */
    @Bean
    GatewayEventLoops gatewayEventLoops() {
        return new GatewayEventLoops();
    }

    /** The server runs on the gateway's loops; connection pools stay per-context too. */
    @Bean
    ReactorResourceFactory reactorResourceFactory(GatewayEventLoops loops) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResources(loops.resources());
        return factory;
    }

    /**
     * Engine connections on the same loops as the server, colocated with the accepting channel when opened: a request
     * and its upstream call then share one thread instead of handing off twice per request.
     */
    @Bean
    HttpClientCustomizer engineClientOnGatewayLoops(GatewayEventLoops loops) {
        return client -> client.runOn(loops.resources());
    }

    @Bean
    InFlightRequests inFlightRequests(MeterRegistry meters) {
        return new InFlightRequests(meters);
    }

    @Bean
    EndpointCircuitBreakers endpointCircuitBreakers(CircuitBreakerProperties properties, MeterRegistry meters) {
        return new EndpointCircuitBreakers(properties, meters);
    }

    @Bean
    OpenAiNotFoundHandler openAiNotFoundHandler() {
        return new OpenAiNotFoundHandler();
    }

    @Bean
    GatewayShutdown gatewayShutdown() {
        return new GatewayShutdown();
    }

    /** Forgets per-engine state of engines discovery no longer reports. */
    @Bean(destroyMethod = "dispose")
    Disposable endpointStatePruner(EndpointRegistry endpoints, InFlightRequests inFlight,
            EndpointCircuitBreakers breakers) {
        return endpoints.changes().subscribe(snapshot -> {
            inFlight.retain(snapshot.distinctEndpoints(), snapshot.models());
            breakers.retain(snapshot.distinctEndpoints());
        });
    }

    /** The proxy's side of {@link PdExchangeAccess}: its lifecycle, body, in-flight counts, breakers and errors. */
    private record PdAccess(InFlightRequests inFlight, EndpointCircuitBreakers breakers) implements PdExchangeAccess {

        @Override
        public @Nullable AcceptedRequest accepted(ServerWebExchange exchange) {
            InferenceExchange ix = exchange.getAttribute(InferenceExchange.ATTRIBUTE);
            ReplayableRequest request = ReplayableRequest.find(exchange.getRequest());
            if (ix == null || !ix.hasRequest() || request == null) {
                return null;
            }
            return new AcceptedRequest(ix.requestId(), ix.strategy(), ix.request(), request.body());
        }

        @Override
        public ServerWebExchange withBody(ServerWebExchange exchange, byte[] body) {
            ReplayableRequest request = ReplayableRequest.find(exchange.getRequest());
            if (request == null) {
                throw new IllegalStateException("not an inference exchange: " + exchange.getRequest().getPath());
            }
            return exchange.mutate().request(request.withBody(body)).build();
        }

        @Override
        public @Nullable Endpoint target(ServerWebExchange exchange) {
            InferenceExchange ix = exchange.getAttribute(InferenceExchange.ATTRIBUTE);
            return ix == null ? null : ix.target();
        }

        @Override
        public int inFlight(Endpoint endpoint) {
            return inFlight.count(endpoint);
        }

        @Override
        public boolean admits(Endpoint endpoint) {
            return breakers.admits(endpoint);
        }

        @Override
        public @Nullable EngineCall call(Endpoint endpoint, String model) {
            if (!breakers.tryAcquire(endpoint)) {
                return null;
            }
            InFlightRequests.Lease lease = inFlight.acquire(endpoint, model);
            long start = System.nanoTime();
            AtomicBoolean ended = new AtomicBoolean();
            return new EngineCall() {

                @Override
                public void succeeded() {
                    if (ended.compareAndSet(false, true)) {
                        lease.release();
                        breakers.onSuccess(endpoint, System.nanoTime() - start);
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (ended.compareAndSet(false, true)) {
                        lease.release();
                        breakers.onFailure(endpoint, System.nanoTime() - start, cause);
                    }
                }

                @Override
                public void abandoned() {
                    if (ended.compareAndSet(false, true)) {
                        lease.release();
                        breakers.release(endpoint);
                    }
                }
            };
        }

        @Override
        public RuntimeException unavailable(String message) {
            return new GatewayException(503, message, null, "service_unavailable");
        }
    }
}
