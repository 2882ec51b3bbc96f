package io.aibrix.gateway.tokenize;

import org.springframework.lang.Nullable;

/**
 * The conversation cache: token IDs of conversations by {@link ChatPrefixes} key. The whole prompt of every chat
 * request is stored once tokenized, so the next turn of that conversation is routed on its history's IDs at once.
 * Histories that recur across conversations (a system prompt many sessions start with) are learnt too: a request
 * whose history prefix was seen in an earlier request and is not cached yet has that prefix tokenized alone, and the
 * first turns of later sessions are routed on it at once.
 *
 * <p>Thread-safe and lock-free; bounded by entries and token IDs ({@link TokenIdCache}) and by seen keys.
 */
final class Conversations {

    private final TokenIdCache cache;
    private final RecurringKeys recurring;

    Conversations(int maxEntries, long maxTokens, int maxSeen) {
        this.cache = new TokenIdCache(maxEntries, maxTokens);
        this.recurring = new RecurringKeys(maxSeen);
    }

    /**
     * What is known of a conversation.
     *
     * @param hit   its longest cached prefix, or null
     * @param learn the index of the last message of a longer history prefix seen before but not cached, or -1
     */
    record Lookup(@Nullable TokenIdCache.Hit hit, int learn) {
    }

    /** Looks the conversation's prefixes up, then remembers its history prefixes as seen. */
    Lookup lookup(ChatPrefixes.Conversation conversation) {
        TokenIdCache.Hit hit = cache.longest(conversation);
        long[] keys = conversation.keys();
        int from = hit == null ? 0 : hit.index() + 1;
        int learn = -1;
        for (int i = keys.length - 2; i >= from; i--) {
            if (recurring.seen(keys[i])) {
                learn = i;
                break;
            }
        }
        for (int i = 0; i < keys.length - 1; i++) {
            recurring.see(keys[i]);
        }
        return new Lookup(hit, learn);
    }

    /** Stores the whole conversation's IDs. */
    void put(ChatPrefixes.Conversation conversation, int[] ids) {
        cache.put(conversation.last(), ids);
    }

    /** Claims the learning of the prefix ending at message {@code index}; false when another request learns it. */
    boolean startLearning(ChatPrefixes.Conversation conversation, int index) {
        return recurring.claim(conversation.keys()[index]);
    }

    /** Stores a history prefix's IDs from the answers for the whole conversation and for the prefix alone. */
    void learnt(ChatPrefixes.Conversation conversation, int index, int[] whole, int[] prefixAlone) {
        cache.putCommonStart(conversation.keys()[index], whole, prefixAlone);
    }

    void endLearning(ChatPrefixes.Conversation conversation, int index) {
        recurring.release(conversation.keys()[index]);
    }

    boolean unstable(String model) {
        return cache.unstable(model);
    }

    boolean disable(String model) {
        return cache.disable(model);
    }

    int size() {
        return cache.size();
    }

    long tokens() {
        return cache.tokens();
    }
}
