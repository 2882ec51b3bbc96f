package io.aibrix.gateway.tokenize;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.openai.InferenceApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Asks an engine's {@code POST /tokenize} for the token IDs of an inference request's prompt (chat template applied,
 * exactly as the engine will schedule and cache them). Non-blocking: Reactor Netty with its own keep-alive pool, on
 * the gateway's event loops when it has its own; the body is built and the answer parsed on the event loop.
 *
 * <p>With {@link TokenizeCaches}, a request whose prompt starts with a prefix tokenized before (the history of a
 * conversation, a recurring system prompt, a recurring start of a prompt's text) completes at once with that
 * prefix's IDs, and the whole prompt is tokenized in the background to feed the caches and check the prefix served;
 * a miss waits for the call as without the caches. With caches, chat prompts are tokenized without the generation
 * prompt.
 *
 * <p>Never fails: a timeout, a connection error, a non-200 answer or an unreadable body completes empty, so routing
 * proceeds without token IDs, and is counted in {@code gateway.tokenize.requests{outcome}} ({@code success},
 * {@code timeout}, {@code status}, {@code error}, {@code invalid_request}); answered calls are timed in
 * {@code gateway.tokenize.duration}.
 */
public final class EngineTokenizer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineTokenizer.class);

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration timeout;
    private final MeterRegistry meters;
    private final Timer duration;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final @Nullable TokenizeCaches caches;

    /**
     * @param loops the event loops to run on (the gateway's, so a request and its tokenize call share a thread), or
     *              null for Reactor Netty's shared loops
     * @param caches token IDs of prompt prefixes tokenized before, or null to call the engine every time
     */
    EngineTokenizer(Duration timeout, int maxConnectionsPerEngine, MeterRegistry meters,
            @Nullable LoopResources loops, @Nullable TokenizeCaches caches) {
        this.timeout = timeout;
        this.caches = caches;
        this.meters = meters;
        this.connections = ConnectionProvider.builder("engine-tokenize")
                .maxConnections(maxConnectionsPerEngine)
                .pendingAcquireMaxCount(maxConnectionsPerEngine * 4)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections);
        this.client = (loops != null ? http.runOn(loops) : http)
                .keepAlive(true)
                .headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON));
        this.duration = Timer.builder("gateway.tokenize.duration")
                .description("Time for an engine to tokenize a prompt for routing")
                .register(meters);
    }

    /**
     * The engine's token IDs for the prompt of {@code requestBody} (the original inference request), or for a prefix
     * of it when one was cached; empty when the engine could not say in time.
     *
     * @param engine      the engine to ask (any engine serving the request's model)
     * @param api         the endpoint the request was sent to
     * @param requestBody the inference request's JSON body; not modified
     */
    public Mono<int[]> tokenize(Endpoint engine, InferenceApi api, byte[] requestBody) {
        return tokenizePrompt(engine, api, requestBody).map(PromptIds::ids);
    }

    /** {@link #tokenize}, with whether the IDs end where a reply the serving engine generated follows. */
    public Mono<PromptIds> tokenizePrompt(Endpoint engine, InferenceApi api, byte[] requestBody) {
        TokenizeCaches known = caches;
        if (known == null || api == InferenceApi.EMBEDDINGS) {
            return call(engine, api, requestBody, true).map(ids -> new PromptIds(ids, 0));
        }
        return Mono.defer(() -> {
            TokenizeCaches.Plan plan = known.plan(api, requestBody);
            if (plan == null) {
                return call(engine, api, requestBody, true).map(ids -> new PromptIds(ids, 0));
            }
            // Chat prompts without the generation prompt: a few tokens that never complete a block another request
            // could share, and absent from the start of any longer conversation.
            Mono<int[]> whole = call(engine, api, requestBody, false)
                    .doOnNext(ids -> known.learn(plan, ids, body -> send(engine, body)));
            if (plan.known() == null) {
                return whole.map(ids -> new PromptIds(ids, 0));
            }
            // The whole prompt's IDs feed the caches and check the prefix; errors are counted and swallowed.
            whole.subscribe();
            return Mono.just(new PromptIds(plan.known(), plan.replyTokens()));
        });
    }

    private Mono<int[]> call(Endpoint engine, InferenceApi api, byte[] requestBody, boolean generationPrompt) {
        return Mono.defer(() -> {
            byte[] body;
            try {
                body = TokenizeBodies.request(api, requestBody, generationPrompt);
            }
            catch (IllegalArgumentException e) {
                count("invalid_request");
                return Mono.empty();
            }
            return send(engine, body);
        });
    }

    /** Posts a {@code /tokenize} body; completes empty on any failure, counted. */
    private Mono<int[]> send(Endpoint engine, byte[] body) {
        URI uri = engine.baseUri().resolve("/tokenize");
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return client.post()
                    .uri(uri)
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                    .responseSingle((response, content) -> {
                        int status = response.status().code();
                        return status == 200 ? content.asByteArray()
                                : Mono.<byte[]>error(new StatusException(status));
                    })
                    .map(TokenizeBodies::tokens)
                    .timeout(timeout, Schedulers.parallel())
                    .doOnNext(ids -> {
                        duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        count("success");
                    })
                    .onErrorResume(error -> {
                        String outcome = outcome(error);
                        count(outcome);
                        log.debug("Tokenizing on {} failed ({}); routing without token IDs", engine.address(),
                                outcome, error);
                        return Mono.empty();
                    });
        });
    }

    private static String outcome(Throwable error) {
        if (error instanceof TimeoutException) {
            return "timeout";
        }
        if (error instanceof StatusException) {
            return "status";
        }
        return "error";
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("gateway.tokenize.requests")
                .description("Calls to engines' /tokenize by outcome")
                .tag("outcome", o)
                .register(meters)).increment();
    }

    @Override
    public void close() {
        connections.dispose();
    }

    @Override
    public String toString() {
        return "EngineTokenizer[timeout=" + timeout + "]";
    }

    /** An engine answered {@code /tokenize} with a status other than 200. */
    static final class StatusException extends RuntimeException {

        StatusException(int status) {
            super("/tokenize answered " + status, null, false, false);
        }
    }
}
