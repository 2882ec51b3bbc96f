package io.aibrix.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.aibrix.gateway.auth.Caller;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.openai.RejectedRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.lang.Nullable;

/**
 * Admits or refuses an inference request against its caller's requests and tokens per minute and its model's
 * requests per second. Tokens are reserved at admission (prompt estimate + {@code max_tokens}, or the configured
 * default) and settled by the {@link QuotaTicket} when the request ends. A refusal is a 429
 * {@code rate_limit_exceeded} with {@code Retry-After} (seconds until the request would fit) and OpenAI's
 * {@code x-ratelimit-*} headers. A store failure admits the request (fail-open, the default) or answers 503.
 */
public final class Quotas {

    private static final Logger log = LoggerFactory.getLogger(Quotas.class);

    private final SlidingWindow minute = new SlidingWindow(Duration.ofMinutes(1));
    private final SlidingWindow second = new SlidingWindow(Duration.ofSeconds(1));
    private final QuotaStore store;
    private final Clock clock;
    private final Map<String, Long> modelRps;
    private final int defaultMaxTokens;
    private final boolean failOpen;
    private final QuotaMeters meters;
    private final ThrottledLog storeLog;

    Quotas(QuotaStore store, Clock clock, QuotaProperties properties, QuotaMeters meters) {
        this.store = store;
        this.clock = clock;
        this.modelRps = properties.modelRps();
        this.defaultMaxTokens = properties.defaultMaxTokens();
        this.failOpen = properties.failOpen();
        this.meters = meters;
        this.storeLog = new ThrottledLog(log, clock, Duration.ofSeconds(30));
    }

    /**
     * Admits {@code request}, or fails with a {@link RejectedRequestException} (429, or 503 when the store failed and
     * quotas fail closed). An admitted request's ticket goes to {@code tickets}, even when the returned Mono was
     * cancelled meanwhile, so what was charged can always be given back. A request with no limit gets no ticket.
     *
     * @param resumeOn where to continue when the store answers asynchronously (the request's event loop)
     */
    public Mono<Void> admit(InferenceRequest request, @Nullable Caller caller, Consumer<QuotaTicket> tickets,
            Executor resumeOn) {
        List<Charge> charges = charges(request, caller);
        if (charges.isEmpty()) {
            return Mono.empty();
        }
        long now = clock.millis();
        CompletableFuture<Void> decided = new CompletableFuture<>();
        store.admit(charges, now).subscribe(counts -> {
            try {
                tickets.accept(decide(charges, counts, now));
                meters.outcome("admitted");
                decided.complete(null);
            }
            catch (RejectedRequestException e) {
                decided.completeExceptionally(e);
            }
        }, error -> {
            RejectedRequestException refusal = storeFailed(error);
            if (refusal == null) {
                decided.complete(null);
            }
            else {
                decided.completeExceptionally(refusal);
            }
        });
        Mono<Void> result = Mono.fromFuture(decided, true);
        return decided.isDone() ? result : result.publishOn(Schedulers.fromExecutor(resumeOn));
    }

    List<Charge> charges(InferenceRequest request, @Nullable Caller caller) {
        List<Charge> charges = new ArrayList<>(3);
        if (caller != null && caller.rpm() != null) {
            charges.add(new Charge(Charge.Kind.RPM, caller.user(), caller.rpm(), 1, minute));
        }
        if (caller != null && caller.tpm() != null) {
            charges.add(new Charge(Charge.Kind.TPM, caller.user(), caller.tpm(), estimatedTokens(request),
                    minute));
        }
        Long rps = modelRps.get(request.model());
        if (rps != null) {
            charges.add(new Charge(Charge.Kind.RPS, request.model(), rps, 1, second));
        }
        return charges;
    }

    /** Prompt estimate plus the completion the request may produce ({@code max_tokens}, else the default). */
    long estimatedTokens(InferenceRequest request) {
        if (request.api() == InferenceApi.EMBEDDINGS) {
            return request.promptTokens();
        }
        return (long) request.promptTokens() + (request.maxTokens() >= 0 ? request.maxTokens() : defaultMaxTokens);
    }

    private QuotaTicket decide(List<Charge> charges, Counts counts, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<QuotaStore.Adjustment> refund = new ArrayList<>(charges.size());
        QuotaStore.Adjustment tokens = null;
        Charge refused = null;
        int refusedAt = -1;
        for (int i = 0; i < charges.size(); i++) {
            Charge charge = charges.get(i);
            SlidingWindow window = charge.window();
            long previous = counts.previous()[i];
            long current = counts.current()[i] + (counts.admitted() ? charge.amount() : 0);
            double weight = window.previousWeight(now);
            if (charge.kind() != Charge.Kind.RPS) {
                RateLimitHeaders.put(headers, charge.kind() == Charge.Kind.RPM ? "requests" : "tokens",
                        charge.limit(),
                        SlidingWindow.remaining(previous, current, weight, charge.limit()),
                        window.resetMillis(previous, current, now));
            }
            if (!counts.admitted() && refused == null
                    && !SlidingWindow.fits(previous, current, weight, charge.amount(), charge.limit())) {
                refused = charge;
                refusedAt = i;
            }
            QuotaStore.Adjustment giveBack = new QuotaStore.Adjustment(charge.scope(), window, window.index(now),
                    -charge.amount());
            refund.add(giveBack);
            if (charge.kind() == Charge.Kind.TPM) {
                tokens = giveBack;
            }
        }
        if (counts.admitted()) {
            return new Reservation(store, refund, tokens, headers);
        }
        if (refused == null) {
            throw new IllegalStateException("the store refused charges that all fit: " + charges);
        }
        throw rejection(refused, counts.previous()[refusedAt], counts.current()[refusedAt], now, headers);
    }

    private RejectedRequestException rejection(Charge charge, long previous, long current, long now,
            Map<String, String> headers) {
        meters.outcome("rejected");
        meters.rejected(charge.kind().tag());
        SlidingWindow window = charge.window();
        long retryMillis = window.retryAfterMillis(previous, current, charge.amount(), charge.limit(), now);
        String what = switch (charge.kind()) {
            case RPM -> "requests per min (RPM) for user '" + charge.subject() + "'";
            case TPM -> "tokens per min (TPM) for user '" + charge.subject() + "'";
            case RPS -> "requests per second (RPS) for model '" + charge.subject() + "'";
        };
        long used = (long) Math.ceil(SlidingWindow.estimate(previous, current, window.previousWeight(now)));
        String message;
        if (retryMillis < 0) {
            message = "Request too large for " + what + ": Limit " + charge.limit() + ", Requested "
                    + charge.amount() + ". Please reduce the prompt or max_tokens.";
            retryMillis = window.windowMillis();
        }
        else {
            message = "Rate limit reached for " + what + ": Limit " + charge.limit() + ", Used " + used
                    + ", Requested " + charge.amount() + ". Please try again in "
                    + RateLimitHeaders.duration(retryMillis) + ".";
        }
        headers.put("Retry-After", RateLimitHeaders.retryAfter(retryMillis));
        return new RejectedRequestException(429, message, null, "rate_limit_exceeded", headers);
    }

    /** Null when quotas fail open. */
    private @Nullable RejectedRequestException storeFailed(Throwable error) {
        meters.storeError("admit");
        storeLog.warn("Quota store unavailable (" + error + "); requests are "
                + (failOpen ? "admitted without quota checks" : "refused with 503") + " until it is back");
        if (failOpen) {
            meters.outcome("failed_open");
            return null;
        }
        meters.outcome("failed_closed");
        return new RejectedRequestException(503, "Quotas cannot be checked right now. Please retry shortly.", null,
                "service_unavailable", Map.of("Retry-After", "1"));
    }
}
