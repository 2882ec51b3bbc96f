package io.aibrix.gateway.pd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.enginestats.EngineStats;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.pd.PdExchangeAccess.AcceptedRequest;
import io.aibrix.gateway.pd.PdExchangeAccess.EngineCall;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The prefill half of {@code pd} routing, between the proxy's exchange filter and its routing filter, active only for
 * requests routed with {@code pd} (embeddings excepted: they have no decode). It plans the request
 * ({@link PdPlanner}); for a disaggregated one it sends the prefill ({@link KvTransferBodies#prefill}) to the chosen
 * prefill engine, counted in that engine's in-flight requests and circuit breaker while it runs, then hands the
 * client's body with the engine's {@code kv_transfer_params} to the proxy, which routes it to a decode engine
 * ({@link PdRoutingStrategy}) and streams or relays the answer with its usual lifecycle, usage, retries and metrics.
 *
 * <p>A prefill that fails (unreachable engine, 4xx or 5xx, no {@code kv_transfer_params}, past
 * {@code gateway.routing.pd.prefill-timeout}) never fails the request: the client's own body goes to a decode engine,
 * which then prefills locally.
 *
 * <p>Response headers: {@value #MODE_HEADER} ({@link PdMode#tag()}); after a successful prefill
 * {@value #PREFILL_POD_HEADER} and {@value #PREFILL_POD_IP_HEADER} (the decode engine is {@code target-pod} as for
 * every request); with {@code x-aibrix-routing-debug: true}, {@value #DEBUG_SCORES_HEADER} ({@link PdDebug}).
 */
public final class PdPrefillFilter implements GatewayFilter, Ordered {

    /** After the proxy's exchange filter (which reads the body) and before its routing filter. */
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 50;

    static final String MODE_HEADER = "x-aibrix-pd-mode";

    static final String PREFILL_POD_HEADER = "x-aibrix-prefill-pod";

    static final String PREFILL_POD_IP_HEADER = "x-aibrix-prefill-pod-ip";

    static final String DEBUG_SCORES_HEADER = "x-aibrix-pd-prefill-scores";

    /** Names the caller until API keys exist, as in the proxy's routing. */
    private static final String USER_HEADER = "user";

    private static final Logger log = LoggerFactory.getLogger(PdPrefillFilter.class);

    private final PdExchangeAccess access;

    private final EndpointRegistry endpoints;

    private final EngineStats engineStats;

    private final PdPlanner planner;

    private final PrefillClient client;

    private final PrefixAffinity affinity;

    private final PdMeters meters;

    PdPrefillFilter(PdExchangeAccess access, EndpointRegistry endpoints, EngineStats engineStats, PdPlanner planner,
            PrefillClient client, PrefixAffinity affinity, PdMeters meters) {
        this.access = access;
        this.endpoints = endpoints;
        this.engineStats = engineStats;
        this.planner = planner;
        this.client = client;
        this.affinity = affinity;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        AcceptedRequest accepted = access.accepted(exchange);
        if (accepted == null || !PdRoutingStrategy.NAME.equals(accepted.strategy().strip())
                || accepted.request().api() == InferenceApi.EMBEDDINGS) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> serve(exchange, chain, accepted));
    }

    private Mono<Void> serve(ServerWebExchange exchange, GatewayFilterChain chain, AcceptedRequest accepted) {
        String model = accepted.request().model();
        RoutingRequest routing = routingRequest(accepted, exchange.getRequest().getHeaders());
        return switch (planner.plan(routing, readyCandidates(model), access::admits)) {
            case PdPlanner.Unavailable none -> Mono.error(access.unavailable(none.message()));
            case PdPlanner.Undivided undivided -> {
                if (undivided.mode() == PdMode.FALLBACK) {
                    meters.fellBack(model, "circuit_open");
                }
                yield undivided(exchange, chain, model, undivided.mode(), null);
            }
            case PdPlanner.Disaggregate plan -> disaggregate(exchange, chain, accepted, routing, plan);
        };
    }

    private Mono<Void> disaggregate(ServerWebExchange exchange, GatewayFilterChain chain, AcceptedRequest accepted,
            RoutingRequest routing, PdPlanner.Disaggregate plan) {
        String model = accepted.request().model();
        Endpoint prefill = plan.prefill().endpoint();
        String debugScores = PdDebug.requested(routing) ? PdDebug.scores(plan.prefills(), plan.choice().scores(),
                plan.choice().index(), plan.choice().fastPath()) : null;
        byte[] prefillBody = KvTransferBodies.prefill(accepted.body());
        EngineCall call = access.call(prefill, model);
        if (call == null) {
            // Half-open with its probes in use since planning.
            meters.fellBack(model, "circuit_open");
            return undivided(exchange, chain, model, PdMode.FALLBACK, debugScores);
        }
        notePrefill(routing, prefill);
        long start = System.nanoTime();
        return client.prefill(prefill, accepted.request().api().path(), prefillBody, accepted.requestId(),
                    exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
            .doOnCancel(call::abandoned)
            .flatMap(result -> {
                meters.prefilled(model, result.succeeded(), System.nanoTime() - start);
                Throwable cause = result.cause();
                if (result.engineFault() && cause != null) {
                    call.failed(cause);
                }
                else {
                    call.succeeded();
                }
                byte[] params = result.params();
                if (params == null) {
                    log.debug("Request {}: prefill on {} failed ({}), decoding without transfer",
                            accepted.requestId(), prefill.address(), result.failure(), cause);
                    meters.fellBack(model, String.valueOf(result.failure()));
                    return undivided(exchange, chain, model, PdMode.FALLBACK, debugScores);
                }
                meters.served(model, PdMode.DISAGGREGATED);
                annotate(exchange, PdMode.DISAGGREGATED, prefill, debugScores);
                return chain.filter(access.withBody(exchange, KvTransferBodies.decode(accepted.body(), params)));
            });
    }

    /** Tells the prefix index; its failure must neither fail the request nor leak the engine call. */
    private void notePrefill(RoutingRequest routing, Endpoint prefill) {
        try {
            affinity.prefilled(routing, prefill);
        }
        catch (RuntimeException ex) {
            log.warn("Prefix affinity {} failed to record request {}", affinity, routing.requestId(), ex);
        }
    }

    /** Forwards the client's own body: one engine prefills and decodes. */
    private Mono<Void> undivided(ServerWebExchange exchange, GatewayFilterChain chain, String model, PdMode mode,
            @Nullable String debugScores) {
        meters.served(model, mode);
        annotate(exchange, mode, null, debugScores);
        return chain.filter(exchange);
    }

    /** Adds the pd headers when the response commits, after the proxy's own; counts a successful pair. */
    private void annotate(ServerWebExchange exchange, PdMode mode, @Nullable Endpoint prefill,
            @Nullable String debugScores) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.set(MODE_HEADER, mode.tag());
            if (debugScores != null) {
                headers.set(DEBUG_SCORES_HEADER, debugScores);
            }
            if (prefill != null) {
                headers.set(PREFILL_POD_HEADER, prefill.name());
                headers.set(PREFILL_POD_IP_HEADER, prefill.address());
                HttpStatusCode status = response.getStatusCode();
                Endpoint decode = access.target(exchange);
                if (decode != null && (status == null || status.is2xxSuccessful())) {
                    meters.paired(prefill.name(), decode.name());
                }
            }
            return Mono.empty();
        });
    }

    private List<Candidate> readyCandidates(String model) {
        List<Endpoint> ready = endpoints.current().readyEndpoints(model);
        List<Candidate> candidates = new ArrayList<>(ready.size());
        for (Endpoint endpoint : ready) {
            candidates.add(new Candidate(endpoint, access.inFlight(endpoint), engineStats.metrics(endpoint)));
        }
        return candidates;
    }

    private static RoutingRequest routingRequest(AcceptedRequest accepted, HttpHeaders headers) {
        InferenceRequest request = accepted.request();
        Map<String, String> routingHeaders = new HashMap<>(2);
        String user = headers.getFirst(USER_HEADER);
        if (user != null) {
            routingHeaders.put(USER_HEADER, user);
        }
        String debug = headers.getFirst(Router.DEBUG_REQUEST_HEADER);
        if (debug != null) {
            routingHeaders.put(Router.DEBUG_REQUEST_HEADER, debug);
        }
        return new RoutingRequest(accepted.requestId(), request.model(), request.promptText(), request.promptTokens(),
                request.maxTokens(), request.stream(), user != null ? user : request.user(), routingHeaders);
    }

    @Override
    public String toString() {
        return "PdPrefill[" + client + "]";
    }
}
