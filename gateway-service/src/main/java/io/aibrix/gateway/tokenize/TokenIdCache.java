package io.aibrix.gateway.tokenize;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.lang.Nullable;

/**
 * Token IDs the engines gave for prompt prefixes, by a 64-bit key of the prefix: conversations by {@link ChatPrefixes}
 * key, so the next turn of a conversation (its history plus a reply and a new message) is routed on the IDs of its
 * history at once instead of after a {@code /tokenize} round trip; and text prefixes by {@link TextPrefixes} key. The
 * IDs of a conversation are its rendering without the generation prompt, which is exactly the start of any longer
 * conversation's rendering for the chat templates that render message by message (Llama 3, ChatML and most others); a
 * model for which a cached prefix turned out not to start the whole prompt's IDs is detected ({@link #disable}) and
 * no longer served.
 *
 * <p>Bounded by entries and by stored token IDs; the oldest entries go first. Lock-free; the bounds may be exceeded
 * briefly under concurrent inserts.
 */
final class TokenIdCache {

    private final Map<Long, int[]> ids = new ConcurrentHashMap<>();
    private final Queue<Long> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong tokens = new AtomicLong();
    private final Set<String> unstableModels = ConcurrentHashMap.newKeySet();
    private final int maxEntries;
    private final long maxTokens;

    TokenIdCache(int maxEntries, long maxTokens) {
        if (maxEntries < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("maxEntries and maxTokens must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxTokens = maxTokens;
    }

    /** A cached prefix: the IDs of messages {@code 0..index}. */
    record Hit(int index, int[] ids) {
    }

    /** The longest cached prefix of the conversation, or null. */
    @Nullable Hit longest(ChatPrefixes.Conversation conversation) {
        long[] keys = conversation.keys();
        for (int i = keys.length - 1; i >= 0; i--) {
            int[] cached = ids.get(keys[i]);
            if (cached != null) {
                return new Hit(i, cached);
            }
        }
        return null;
    }

    @Nullable int[] get(long key) {
        return ids.get(key);
    }

    /**
     * Stores the common start of two answers: the whole prompt's IDs and those of a prefix rendered alone, which
     * agree exactly as far as the prefix's own tokens go (the prefix's rendering then closes where the prompt goes on).
     */
    void putCommonStart(long key, int[] whole, int[] prefixAlone) {
        int common = Arrays.mismatch(whole, prefixAlone);
        int length = common < 0 ? whole.length : common;
        if (length > 0) {
            put(key, Arrays.copyOf(whole, length));
        }
    }

    void put(long key, int[] tokenIds) {
        if (tokenIds.length > maxTokens) {
            return;
        }
        int[] previous = ids.put(key, tokenIds);
        if (previous == null) {
            order.add(key);
            tokens.addAndGet(tokenIds.length);
        }
        else {
            tokens.addAndGet(tokenIds.length - previous.length);
        }
        while (ids.size() > maxEntries || tokens.get() > maxTokens) {
            Long oldest = order.poll();
            if (oldest == null) {
                break;
            }
            int[] removed = ids.remove(oldest);
            if (removed != null) {
                tokens.addAndGet(-removed.length);
            }
        }
    }

    /** Whether a cached prefix of the model was seen not to start the IDs of the prompt it was served for. */
    boolean unstable(String model) {
        return unstableModels.contains(model);
    }

    /** Stops serving the model from the cache; returns whether this call made the change. */
    boolean disable(String model) {
        return unstableModels.add(model);
    }

    int size() {
        return ids.size();
    }

    long tokens() {
        return tokens.get();
    }
}
