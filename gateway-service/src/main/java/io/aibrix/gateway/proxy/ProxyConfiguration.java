package io.aibrix.gateway.proxy;

import java.util.Arrays;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.enginestats.EngineStats;
import io.aibrix.gateway.observability.GatewayMetrics;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequestParser;
import io.aibrix.gateway.openai.UpstreamErrorNormalizer;
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
            EndpointRoutingFilter routingFilter) {
        String[] paths = Arrays.stream(InferenceApi.values()).map(InferenceApi::path).toArray(String[]::new);
        return routes.routes()
                .route("inference", route -> route.path(paths)
                        .filters(filters -> filters.filter(exchangeFilter).filter(routingFilter))
                        .uri(UNROUTED))
                .build();
    }

    @Bean
    InferenceExchangeFilter inferenceExchangeFilter(InferenceRequestParser parser, EndpointRegistry endpoints,
            RoutingStrategyRegistry strategies, ProxyProperties properties, GatewayMetrics metrics,
            EndpointCircuitBreakers breakers, UpstreamErrorNormalizer normalizer, GatewayShutdown shutdown,
            Router router) {
        try {
            strategies.resolve(properties.defaultRoutingStrategy());
        }
        catch (RoutingException e) {
            throw new IllegalStateException("gateway.proxy.default-routing-strategy: " + e.getMessage(), e);
        }
        return new InferenceExchangeFilter(parser, endpoints, strategies, properties, metrics, breakers,
                new ErrorResponder(), new ResponseObservers(normalizer, properties), shutdown, router);
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
}
