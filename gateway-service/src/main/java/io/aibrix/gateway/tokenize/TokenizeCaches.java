package io.aibrix.gateway.tokenize;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.aibrix.gateway.openai.InferenceApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

import reactor.core.publisher.Mono;

/**
 * The caches that take the {@code /tokenize} round trip off the request path: the {@link Conversations} cache (the
 * next turn of a conversation, and first turns sharing a recurring history such as a system prompt) and
 * {@link TextPrefixes} (a prompt whose text starts like earlier prompts'). {@link #plan} says what is known before
 * the call, the longer of the two; {@link #learn} feeds both with the whole prompt's IDs once they are back, learns
 * recurring prefixes by tokenizing them alone, and checks the prefix the request was routed on: a model whose cached
 * prefix did not start its prompt's IDs is no longer served from that cache.
 *
 * <p>Outcomes are counted in {@code gateway.tokenize.conversation-cache{outcome}} and
 * {@code gateway.tokenize.text-prefix-cache{outcome}} ({@code hit}, {@code miss}, {@code uncacheable}, and
 * {@code unstable_template} / {@code unstable_tokenizer}); learnt prefixes in
 * {@code gateway.tokenize.prefixes-learnt{cache}}.
 */
final class TokenizeCaches {

    private static final Logger log = LoggerFactory.getLogger(TokenizeCaches.class);

    private final @Nullable Conversations conversations;
    private final @Nullable TextPrefixes texts;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TokenizeCaches(@Nullable Conversations conversations, @Nullable TextPrefixes texts, MeterRegistry meters) {
        this.conversations = conversations;
        this.texts = texts;
        this.meters = meters;
    }

    /**
     * What is known of one request's prompt before its call.
     *
     * @param known       the IDs of its longest known prefix, or null
     * @param replyTokens when {@code known} is an earlier turn's prompt and the conversation goes on with that turn's
     *                    reply, an upper bound of the reply's tokens; else 0
     */
    record Plan(InferenceApi api, byte[] body, @Nullable ChatPrefixes.Conversation conversation,
            @Nullable Conversations.Lookup turn, @Nullable PromptText text, @Nullable TextPrefixes.Lookup prefix,
            @Nullable int[] known, int replyTokens) {
    }

    /** The plan of a request; null when its prompt is not cacheable (call as without the caches). */
    @Nullable Plan plan(InferenceApi api, byte[] body) {
        ChatPrefixes.Conversation conversation = null;
        if (api == InferenceApi.CHAT_COMPLETIONS) {
            conversation = ChatPrefixes.of(body);
            if (conversation == null || !conversation.cacheable()) {
                countConversation("uncacheable");
                countText("uncacheable");
                return null;
            }
        }
        Conversations.Lookup turn = conversationLookup(conversation);
        PromptText text = texts != null ? PromptText.of(api, body, conversation) : null;
        TextPrefixes.Lookup prefix = textLookup(text);
        int[] fromTurn = turn != null && turn.hit() != null ? turn.hit().ids() : null;
        int[] fromText = prefix != null ? prefix.ids() : null;
        int[] known = fromTurn == null || fromText != null && fromText.length > fromTurn.length ? fromText : fromTurn;
        int replyTokens = known != null && known == fromTurn ? replyTokens(conversation, turn.hit().index()) : 0;
        return new Plan(api, body, conversation, turn, text, prefix, known, replyTokens);
    }

    /**
     * A generous bound of the tokens of the reply following messages {@code 0..index}: half a token per byte of its
     * JSON. Only a cap: what the serving engine generated and still caches after the prompt is the measure.
     */
    private static int replyTokens(ChatPrefixes.Conversation conversation, int index) {
        return (conversation.replyAfter(index) + 1) / 2;
    }

    /**
     * Feeds the caches with the whole prompt's IDs (the rendering without the generation prompt).
     *
     * @param tokenize sends a {@code /tokenize} body, completing empty on failure
     */
    void learn(Plan plan, int[] ids, Function<byte[], Mono<int[]>> tokenize) {
        if (conversations != null && plan.conversation() != null && plan.turn() != null) {
            learnConversation(conversations, plan, plan.conversation(), plan.turn(), ids, tokenize);
        }
        if (texts != null && plan.text() != null && plan.prefix() != null) {
            learnText(texts, plan, plan.text(), plan.prefix(), ids, tokenize);
        }
    }

    private void learnConversation(Conversations cache, Plan plan, ChatPrefixes.Conversation conversation,
            Conversations.Lookup turn, int[] ids, Function<byte[], Mono<int[]>> tokenize) {
        if (turn.hit() != null && !startsWith(ids, turn.hit().ids())) {
            if (cache.disable(conversation.model())) {
                log.warn("The chat template of {} does not render a conversation's start as the conversation "
                        + "starts; tokenizing its requests without the conversation cache", conversation.model());
            }
            return;
        }
        cache.put(conversation, ids);
        int index = turn.learn();
        if (index < 0 || !cache.startLearning(conversation, index)) {
            return;
        }
        learnPrefix(() -> TokenizeBodies.withMessages(TokenizeBodies.request(plan.api(), plan.body(), false),
                index + 1), tokenize,
                prefixIds -> cache.learnt(conversation, index, ids, prefixIds), "conversation",
                () -> cache.endLearning(conversation, index));
    }

    private void learnText(TextPrefixes cache, Plan plan, PromptText text, TextPrefixes.Lookup prefix, int[] ids,
            Function<byte[], Mono<int[]>> tokenize) {
        if (prefix.ids() != null && !startsWith(ids, prefix.ids())) {
            if (cache.disable(text.model())) {
                log.warn("A learnt text prefix of {} did not start the IDs of a prompt starting with that text; "
                        + "tokenizing its requests without the text-prefix cache", text.model());
            }
            return;
        }
        long key = prefix.learnKey();
        if (prefix.learnEnd() == 0 || !cache.startLearning(key)) {
            return;
        }
        learnPrefix(() -> TokenizeBodies.withText(plan.api(), TokenizeBodies.request(plan.api(), plan.body(), false),
                text.text().substring(0, prefix.learnEnd())), tokenize,
                prefixIds -> cache.learnt(key, ids, prefixIds), "text-prefix", () -> cache.endLearning(key));
    }

    /** Tokenizes a prefix alone in the background and stores what it learns; always ends the claim. */
    private void learnPrefix(Supplier<byte[]> body, Function<byte[], Mono<int[]>> tokenize,
            Consumer<int[]> store, String cache, Runnable end) {
        byte[] prefixBody;
        try {
            prefixBody = body.get();
        }
        catch (IllegalArgumentException e) {
            end.run();
            return;
        }
        tokenize.apply(prefixBody)
                .doOnNext(prefixIds -> {
                    store.accept(prefixIds);
                    count("gateway.tokenize.prefixes-learnt", "cache", cache);
                })
                .doFinally(signal -> end.run())
                .subscribe();
    }

    private @Nullable Conversations.Lookup conversationLookup(@Nullable ChatPrefixes.Conversation conversation) {
        Conversations cache = conversations;
        if (cache == null || conversation == null) {
            return null;
        }
        if (cache.unstable(conversation.model())) {
            countConversation("unstable_template");
            return null;
        }
        Conversations.Lookup lookup = cache.lookup(conversation);
        countConversation(lookup.hit() != null ? "hit" : "miss");
        return lookup;
    }

    private @Nullable TextPrefixes.Lookup textLookup(@Nullable PromptText text) {
        TextPrefixes cache = texts;
        if (cache == null) {
            return null;
        }
        if (text == null) {
            countText("uncacheable");
            return null;
        }
        if (cache.unstable(text.model())) {
            countText("unstable_tokenizer");
            return null;
        }
        TextPrefixes.Lookup lookup = cache.lookup(text);
        countText(lookup.ids() != null ? "hit" : "miss");
        return lookup;
    }

    private static boolean startsWith(int[] ids, int[] prefix) {
        return ids.length >= prefix.length && Arrays.equals(ids, 0, prefix.length, prefix, 0, prefix.length);
    }

    private void countConversation(String outcome) {
        if (conversations != null) {
            count("gateway.tokenize.conversation-cache", "outcome", outcome);
        }
    }

    private void countText(String outcome) {
        if (texts != null) {
            count("gateway.tokenize.text-prefix-cache", "outcome", outcome);
        }
    }

    private void count(String name, String tag, String value) {
        counters.computeIfAbsent(name + '|' + value, k -> Counter.builder(name)
                .description(switch (name) {
                    case "gateway.tokenize.conversation-cache" -> "Chat requests by whether a prefix of their "
                            + "conversation had cached token IDs";
                    case "gateway.tokenize.text-prefix-cache" -> "Requests by whether a prefix of their prompt text "
                            + "had learnt token IDs";
                    default -> "Prompt prefixes whose token IDs were learnt, by cache";
                })
                .tag(tag, value)
                .register(meters)).increment();
    }
}
