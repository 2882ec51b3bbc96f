package io.aibrix.gateway.tokenize;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
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
 * <p>Two caches take the round trip off the request path. With a conversation cache ({@link TokenIdCache}), a chat
 * request whose earlier messages were tokenized before (the next turn of a conversation) completes at once with the
 * IDs of those messages. With {@link TextPrefixes}, a prompt whose text starts like earlier prompts' (a shared system
 * prompt or document) completes at once with the learnt IDs of that start. The longer of the two is used; the whole
 * prompt is then tokenized in the background to feed both caches and to check the prefix served (a model whose
 * prefixes turn out wrong is no longer served from that cache). A miss waits for the call as without the caches.
 * With a cache, chat prompts are tokenized without the generation prompt (a few tokens at the end, which never
 * complete a block another request could share). Outcomes are counted in
 * {@code gateway.tokenize.conversation-cache{outcome}} ({@code hit}, {@code miss}, {@code uncacheable},
 * {@code unstable_template}) and {@code gateway.tokenize.text-prefix-cache{outcome}} ({@code hit}, {@code miss},
 * {@code uncacheable}, {@code unstable_tokenizer}); learnt prefixes in
 * {@code gateway.tokenize.text-prefix-cache.learnt}.
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
    private final Map<String, Counter> cacheOutcomes = new ConcurrentHashMap<>();
    private final @Nullable TokenIdCache conversations;
    private final @Nullable TextPrefixes texts;
    private final Map<String, Counter> textOutcomes = new ConcurrentHashMap<>();
    private final Counter learnt;

    /**
     * @param loops the event loops to run on (the gateway's, so a request and its tokenize call share a thread), or
     *              null for Reactor Netty's shared loops
     * @param conversations token IDs of conversations tokenized before, or null
     * @param texts         token IDs of text prefixes learnt before, or null
     */
    EngineTokenizer(Duration timeout, int maxConnectionsPerEngine, MeterRegistry meters,
            @Nullable LoopResources loops, @Nullable TokenIdCache conversations, @Nullable TextPrefixes texts) {
        this.timeout = timeout;
        this.conversations = conversations;
        this.texts = texts;
        this.learnt = Counter.builder("gateway.tokenize.text-prefix-cache.learnt")
                .description("Text prefixes whose token IDs were learnt")
                .register(meters);
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
        if (conversations == null && texts == null || api == InferenceApi.EMBEDDINGS) {
            return call(engine, api, requestBody, true);
        }
        return Mono.defer(() -> {
            ChatPrefixes.Conversation conversation = null;
            if (api == InferenceApi.CHAT_COMPLETIONS) {
                conversation = ChatPrefixes.of(requestBody);
                if (conversation == null || !conversation.cacheable()) {
                    countCache("uncacheable");
                    countText("uncacheable");
                    return call(engine, api, requestBody, true);
                }
            }
            TokenIdCache.Hit turn = conversationHit(conversation);
            PromptText text = texts != null ? PromptText.of(api, requestBody, conversation) : null;
            TextPrefixes.Lookup prefix = textLookup(text);
            int[] known = longer(turn != null ? turn.ids() : null, prefix != null ? prefix.ids() : null);
            ChatPrefixes.Conversation chat = conversation;
            // Chat prompts without the generation prompt: a few tokens that never complete a block another request
            // could share, and absent from the start of any longer conversation.
            Mono<int[]> whole = call(engine, api, requestBody, false)
                    .doOnNext(ids -> learn(engine, api, requestBody, chat, turn, text, prefix, ids));
            if (known == null) {
                return whole;
            }
            // The whole prompt's IDs serve the next turn and check the prefix; errors are counted and swallowed.
            whole.subscribe();
            return Mono.just(known);
        });
    }

    private @Nullable TokenIdCache.Hit conversationHit(@Nullable ChatPrefixes.Conversation conversation) {
        TokenIdCache cache = conversations;
        if (cache == null || conversation == null) {
            return null;
        }
        if (cache.unstable(conversation.model())) {
            countCache("unstable_template");
            return null;
        }
        TokenIdCache.Hit hit = cache.longest(conversation);
        countCache(hit != null ? "hit" : "miss");
        return hit;
    }

    private @Nullable TextPrefixes.Lookup textLookup(@Nullable PromptText text) {
        TextPrefixes prefixes = texts;
        if (prefixes == null) {
            return null;
        }
        if (text == null) {
            countText("uncacheable");
            return null;
        }
        if (prefixes.unstable(text.model())) {
            countText("unstable_tokenizer");
            return null;
        }
        TextPrefixes.Lookup lookup = prefixes.lookup(text);
        countText(lookup.ids() != null ? "hit" : "miss");
        return lookup;
    }

    private static @Nullable int[] longer(@Nullable int[] a, @Nullable int[] b) {
        if (a == null) {
            return b;
        }
        return b == null || a.length >= b.length ? a : b;
    }

    /** Feeds the caches with the whole prompt's IDs and checks the prefixes this request was routed on. */
    private void learn(Endpoint engine, InferenceApi api, byte[] requestBody,
            @Nullable ChatPrefixes.Conversation conversation, @Nullable TokenIdCache.Hit turn,
            @Nullable PromptText text, @Nullable TextPrefixes.Lookup prefix, int[] ids) {
        if (conversations != null && conversation != null) {
            remember(conversations, conversation, turn, ids);
        }
        TextPrefixes prefixes = texts;
        if (prefixes == null || text == null || prefix == null) {
            return;
        }
        if (prefix.ids() != null && !startsWith(ids, prefix.ids())) {
            if (prefixes.disable(text.model())) {
                log.warn("A learnt text prefix of {} did not start the IDs of a prompt starting with that text; "
                        + "tokenizing its requests without the text-prefix cache", text.model());
            }
            return;
        }
        long key = prefix.learnKey();
        if (prefix.learnEnd() == 0 || !prefixes.startLearning(key)) {
            return;
        }
        byte[] prefixOnly;
        try {
            prefixOnly = TokenizeBodies.withText(api, TokenizeBodies.request(api, requestBody, false),
                    text.text().substring(0, prefix.learnEnd()));
        }
        catch (IllegalArgumentException e) {
            prefixes.endLearning(key);
            return;
        }
        send(engine, prefixOnly)
                .doOnNext(prefixIds -> {
                    prefixes.learnt(key, ids, prefixIds);
                    countLearnt();
                })
                .doFinally(signal -> prefixes.endLearning(key))
                .subscribe();
    }

    /** Caches the conversation's IDs unless they contradict the prefix this request was routed on. */
    private void remember(TokenIdCache cache, ChatPrefixes.Conversation conversation,
            @Nullable TokenIdCache.Hit hit, int[] ids) {
        if (hit != null && !startsWith(ids, hit.ids())) {
            if (cache.disable(conversation.model())) {
                log.warn("The chat template of {} does not render a conversation's start as the conversation "
                        + "starts; tokenizing its requests without the conversation cache", conversation.model());
            }
            return;
        }
        cache.put(conversation.last(), ids);
    }

    private static boolean startsWith(int[] ids, int[] prefix) {
        return ids.length >= prefix.length && Arrays.equals(ids, 0, prefix.length, prefix, 0, prefix.length);
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

    private void countLearnt() {
        learnt.increment();
    }

    private void countText(String outcome) {
        if (texts == null) {
            return;
        }
        textOutcomes.computeIfAbsent(outcome, o -> Counter.builder("gateway.tokenize.text-prefix-cache")
                .description("Requests by whether a prefix of their prompt text had learnt token IDs")
                .tag("outcome", o)
                .register(meters)).increment();
    }

    private void countCache(String outcome) {
        if (conversations == null) {
            return;
        }
        cacheOutcomes.computeIfAbsent(outcome, o -> Counter.builder("gateway.tokenize.conversation-cache")
                .description("Chat requests by whether earlier turns' token IDs were cached")
                .tag("outcome", o)
                .register(meters)).increment();
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
