package io.aibrix.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.aibrix.gateway.auth.Caller;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.observability.GatewayMetrics;
import io.aibrix.gateway.proxy.InFlightRequests.Lease;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.openai.Usage;
import io.aibrix.gateway.quota.QuotaTicket;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.lang.Nullable;

/**
 * The one lifecycle object of an inference request, from arrival to its single end. Whatever path ends the request
 * (success, upstream error, broken stream, client disconnect, timeout, shutdown), {@link #finish} acts once: it releases
 * the engine's in-flight count, settles the circuit breaker and the quota ticket, and records the request's metrics.
 *
 * <p>Mutated by one request's signals, which Reactor serialises; the fields read from {@code beforeCommit} and
 * {@code doFinally} are volatile because those may run on another thread.
 */
final class InferenceExchange {

    static final String ATTRIBUTE = InferenceExchange.class.getName();

    /** Status recorded for a client that went away before the response ended (nginx's convention). */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final QuotaTicket ENDED = new QuotaTicket() {

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void end(@Nullable Usage usage, boolean failed) {
        }
    };

    private final String requestId;
    private final InferenceApi api;
    private final long startNanos;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<String> triedAddresses = new ArrayList<>(2);
    /** The quota ticket; {@link #ENDED} once the request ended, so a ticket arriving later is ended at once. */
    private final AtomicReference<QuotaTicket> quotaTicket = new AtomicReference<>();

    private volatile @Nullable InferenceRequest request;
    private volatile @Nullable String strategy;
    private volatile @Nullable Decision decision;
    private volatile @Nullable RoutingRequest routingRequest;
    private volatile @Nullable byte[] bodyToTokenize;
    private volatile @Nullable Lease lease;
    private volatile long attemptStartNanos;
    private volatile boolean attemptSettled = true;
    private volatile long firstByteNanos = -1;
    private volatile boolean streamed;
    private volatile @Nullable Usage usage;
    private volatile @Nullable Throwable interruption;
    private volatile @Nullable String interruptionOutcome;
    private volatile @Nullable String gatewayOutcome;
    private volatile boolean abandoned;
    private volatile @Nullable Caller caller;

    InferenceExchange(String requestId, InferenceApi api, long startNanos) {
        this.requestId = requestId;
        this.api = api;
        this.startNanos = startNanos;
    }

    String requestId() {
        return requestId;
    }

    InferenceApi api() {
        return api;
    }

    long startNanos() {
        return startNanos;
    }

    void accepted(InferenceRequest parsed, String strategySpec) {
        this.request = parsed;
        this.strategy = strategySpec;
    }

    /** The strategy wants the engine's token IDs: routing first sends this body to an engine's tokenizer. */
    void tokenizeBeforeRouting(byte[] body) {
        this.bodyToTokenize = body;
    }

    /** The request body to tokenize before routing, or null when the strategy does not need token IDs. */
    @Nullable byte[] bodyToTokenize() {
        return bodyToTokenize;
    }

    /** The request's API key resolved to this caller. */
    void caller(Caller authenticated) {
        caller = authenticated;
    }

    /** The authenticated caller, or null when authentication is off. */
    @Nullable Caller caller() {
        return caller;
    }

    /** The request was admitted against its quotas; after {@link #finish} the ticket is ended as failed at once. */
    void quotaTicket(QuotaTicket ticket) {
        if (!quotaTicket.compareAndSet(null, ticket)) {
            ticket.end(null, true);
        }
    }

    boolean hasRequest() {
        return request != null;
    }

    /**
     * The gateway answered the request itself with an error (bad input, unknown model, no engine, unreachable engine,
     * timeout); {@code outcome} is what the metrics call it.
     */
    void answeredByGateway(String outcome) {
        gatewayOutcome = outcome;
    }

    @Nullable String gatewayOutcome() {
        return gatewayOutcome;
    }

    InferenceRequest request() {
        InferenceRequest parsed = request;
        if (parsed == null) {
            throw new IllegalStateException("request " + requestId + " was not accepted yet");
        }
        return parsed;
    }

    String strategy() {
        String spec = strategy;
        if (spec == null) {
            throw new IllegalStateException("request " + requestId + " was not accepted yet");
        }
        return spec;
    }

    /** What routing saw of this request; the same instance for every attempt. */
    void routingRequest(RoutingRequest routing) {
        routingRequest = routing;
    }

    /** Tells the strategy how a routed request ended (after {@link #finish}); nothing for a request never routed. */
    void reportRouting(Router router, int status) {
        RoutingRequest routing = routingRequest;
        Endpoint last = target();
        String spec = strategy;
        if (routing == null || last == null || spec == null) {
            return;
        }
        Usage reported = usage;
        boolean succeeded = status >= 200 && status < 400 && interruption == null && !abandoned;
        router.finished(spec, routing, last, reported == null ? -1 : reported.promptTokens(),
                reported == null ? -1 : reported.completionTokens(), succeeded);
    }

    /** Starts an attempt on a new engine; a previous attempt's in-flight claim is released first. */
    void routed(Decision chosen, Lease claim, long nowNanos) {
        Lease previous = lease;
        if (previous != null) {
            previous.release();
        }
        decision = chosen;
        lease = claim;
        attemptStartNanos = nowNanos;
        attemptSettled = false;
        triedAddresses.add(chosen.target().address());
    }

    boolean tried(Endpoint endpoint) {
        return triedAddresses.contains(endpoint.address());
    }

    int attempts() {
        return triedAddresses.size();
    }

    @Nullable Endpoint target() {
        Decision current = decision;
        return current == null ? null : current.target();
    }

    long attemptStartNanos() {
        return attemptStartNanos;
    }

    /** Marks the current attempt's circuit-breaker call as answered; true only the first time. */
    boolean settleAttempt() {
        if (attemptSettled) {
            return false;
        }
        attemptSettled = true;
        return true;
    }

    void firstByte(long nowNanos, boolean stream) {
        if (firstByteNanos < 0) {
            firstByteNanos = nowNanos;
            streamed = stream;
            Lease claim = lease;
            if (claim != null) {
                claim.firstByte();
            }
        }
    }

    void usage(@Nullable Usage reported) {
        if (reported != null) {
            usage = reported;
        }
    }

    /** The response broke after it started: the upstream failed, or the deadline passed mid-stream. */
    void interrupted(Throwable cause, String outcome) {
        if (interruption == null) {
            interruption = cause;
            interruptionOutcome = outcome;
        }
    }

    /**
     * The writer stopped pulling the response before it ended: the client went away (or the server is closing its
     * connection). Reactor Netty completes rather than cancels the exchange in that case, so this flag is how the end
     * is told apart from a success.
     */
    void responseAbandoned() {
        abandoned = true;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    @Nullable Throwable interruption() {
        return interruption;
    }

    /** Headers every response carries, added just before the status line is written. */
    void writeHeaders(HttpHeaders headers) {
        headers.set("request-id", requestId);
        String spec = strategy;
        if (spec != null) {
            headers.set("routing-strategy", spec);
        }
        QuotaTicket ticket = quotaTicket.get();
        if (ticket != null) {
            ticket.headers().forEach(headers::set);
        }
        Decision current = decision;
        if (current != null) {
            headers.set("target-pod", current.target().name());
            headers.set("target-pod-ip", current.target().address());
            current.responseHeaders().forEach(headers::set);
        }
    }

    /**
     * Ends the request exactly once.
     *
     * @param status  the HTTP status the client got, or {@link #CLIENT_CLOSED_REQUEST}
     * @param outcome how it ended (see {@link GatewayMetrics#requestFinished})
     * @return false if the request had already ended
     */
    boolean finish(int status, String outcome, long nowNanos, GatewayMetrics metrics, EndpointCircuitBreakers breakers,
            boolean modelKnown) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        Lease claim = lease;
        if (claim != null) {
            claim.release();
        }
        Endpoint target = target();
        if (target != null) {
            long attemptNanos = nowNanos - attemptStartNanos;
            Throwable broken = interruption;
            if (broken != null && !"timeout".equals(interruptionOutcome)) {
                breakers.onFailure(target, attemptNanos, broken);
            }
            else if (settleAttempt()) {
                // The call never reached a status (cancelled or timed out first): hand the permission back.
                breakers.release(target);
            }
        }
        Usage reported = usage;
        QuotaTicket ticket = quotaTicket.getAndSet(ENDED);
        if (ticket != null) {
            // A failure the engine produced no output for gives the quota back; a response that started without a
            // usage report (a stream without include_usage, a client gone mid-stream) keeps the reservation.
            boolean started = firstByteNanos >= 0;
            ticket.end(reported, reported == null
                    && (!started || status >= 400 && status != CLIENT_CLOSED_REQUEST));
        }
        InferenceRequest parsed = request;
        String model = parsed != null && modelKnown ? parsed.model() : GatewayMetrics.UNKNOWN_MODEL;
        metrics.requestFinished(model, status, interruptionOutcome != null ? interruptionOutcome : outcome,
                nowNanos - startNanos, streamed ? firstByteNanos - startNanos : -1,
                reported == null ? -1 : reported.promptTokens(), reported == null ? -1 : reported.completionTokens());
        return true;
    }
}
