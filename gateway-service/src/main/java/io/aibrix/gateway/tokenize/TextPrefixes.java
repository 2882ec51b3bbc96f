package io.aibrix.gateway.tokenize;

import java.util.Arrays;

import org.springframework.lang.Nullable;

import static io.aibrix.gateway.tokenize.ChatPrefixes.FNV_OFFSET;
import static io.aibrix.gateway.tokenize.ChatPrefixes.FNV_PRIME;
import static io.aibrix.gateway.tokenize.ChatPrefixes.mix;

/**
 * Token IDs of text prefixes learnt from the engines' own answers, so a prompt that starts like earlier prompts (a
 * shared system prompt, a document many questions are asked about) is routed on the IDs of that start at once,
 * without waiting for {@code /tokenize}.
 *
 * <p>A {@link PromptText}'s text is cut at <em>cuts</em>: for each multiple {@code k·chunk} of characters, the first
 * whitespace at or after it that follows a non-whitespace character. Cuts depend only on the text before them, so two
 * texts that agree up to a cut have the same cut and the same key there. A cut is a word boundary, which the
 * pre-tokenizers of BPE and SentencePiece models do not merge across, so the IDs of the text up to a cut start the IDs
 * of any text that continues it.
 *
 * <p>Learning: every request's cut keys are remembered as seen. A request whose longest seen cut is not yet learnt (a
 * second prompt sharing that start) has the text up to that cut tokenized alone once its whole prompt's IDs are back;
 * the entry is the common prefix of the two answers, which ends where the text up to the cut ends (the shorter
 * rendering closes the message there). Served entries are checked against the whole prompt's IDs afterwards by the
 * caller; a model whose entries turn out wrong is {@linkplain #disable disabled}.
 *
 * <p>Thread-safe and lock-free; bounded by entries and token IDs ({@link TokenIdCache}) and by seen keys.
 */
final class TextPrefixes {

    private final TokenIdCache learnt;
    private final RecurringKeys recurring;
    private final int chunk;

    /**
     * @param chunk   characters between two cuts, at least
     * @param maxSeen cut keys remembered as seen; the oldest are forgotten first
     */
    TextPrefixes(int chunk, int maxSeen, int maxEntries, long maxTokens) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive");
        }
        this.chunk = chunk;
        this.recurring = new RecurringKeys(maxSeen);
        this.learnt = new TokenIdCache(maxEntries, maxTokens);
    }

    /**
     * What is known of a prompt's text.
     *
     * @param ids      the learnt IDs of its longest learnt prefix, or null
     * @param learnKey the key of a longer prefix seen before but not learnt yet (valid when {@code learnEnd > 0})
     * @param learnEnd the length in characters of that prefix, or 0 when there is nothing to learn
     */
    record Lookup(@Nullable int[] ids, long learnKey, int learnEnd) {
    }

    /** Looks the text's prefixes up, then remembers them as seen. */
    Lookup lookup(PromptText prompt) {
        int[] ends = cuts(prompt.text(), chunk);
        long[] keys = keys(prompt, ends);
        int[] ids = null;
        int hit = -1;
        for (int i = keys.length - 1; i >= 0; i--) {
            int[] cached = learnt.get(keys[i]);
            if (cached != null) {
                ids = cached;
                hit = i;
                break;
            }
        }
        int learn = -1;
        for (int i = keys.length - 1; i > hit; i--) {
            if (recurring.seen(keys[i])) {
                learn = i;
                break;
            }
        }
        for (long key : keys) {
            recurring.see(key);
        }
        return learn < 0 ? new Lookup(ids, 0, 0) : new Lookup(ids, keys[learn], ends[learn]);
    }

    /** Claims the learning of {@code key}; false when another request is learning it. */
    boolean startLearning(long key) {
        return recurring.claim(key);
    }

    /** Stores the IDs of a prefix from the answers for the whole prompt and for the prefix alone. */
    void learnt(long key, int[] whole, int[] prefixAlone) {
        learnt.putCommonStart(key, whole, prefixAlone);
    }

    /** Ends a claim, learnt or not. */
    void endLearning(long key) {
        recurring.release(key);
    }

    boolean unstable(String model) {
        return learnt.unstable(model);
    }

    boolean disable(String model) {
        return learnt.disable(model);
    }

    int size() {
        return learnt.size();
    }

    long tokens() {
        return learnt.tokens();
    }

    /** The text's cut positions (exclusive ends of its prefixes), increasing. */
    static int[] cuts(String text, int chunk) {
        int n = text.length();
        int[] ends = new int[Math.max(0, n / chunk)];
        int count = 0;
        int target = chunk;
        int i = target;
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                if (count == ends.length) {
                    ends = Arrays.copyOf(ends, count + 1);
                }
                ends[count++] = i;
                target = Math.max(target + chunk, i + 1);
                i = target;
            }
            else {
                i++;
            }
        }
        return Arrays.copyOf(ends, count);
    }

    /** One key per cut: the context chained with the text up to the cut (FNV-1a over its UTF-16 units). */
    private static long[] keys(PromptText prompt, int[] ends) {
        String text = prompt.text();
        long[] keys = new long[ends.length];
        long hash = FNV_OFFSET;
        int from = 0;
        for (int k = 0; k < ends.length; k++) {
            for (int i = from; i < ends[k]; i++) {
                char c = text.charAt(i);
                hash = (hash ^ (c & 0xff)) * FNV_PRIME;
                hash = (hash ^ (c >>> 8)) * FNV_PRIME;
            }
            from = ends[k];
            keys[k] = mix(prompt.context(), hash);
        }
        return keys;
    }
}
